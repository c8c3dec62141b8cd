/**
 * Positional parameters for SQL assembled from optional parts (filters): every value goes through a
 * placeholder, never into the text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** The placeholder of `value`, with a cast when PostgreSQL cannot infer the type (arrays, nulls). */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/** The ids of a category and of every category under it. */
export function categoryScopeSql(categoryId: string): string {
  return `ARRAY(
    WITH RECURSIVE scope AS (
      SELECT c.id, 1 AS depth FROM category c WHERE c.id = ${categoryId}
      UNION ALL
      SELECT c.id, s.depth + 1 FROM category c JOIN scope s ON c.parent_id = s.id WHERE s.depth < 32
    )
    SELECT id FROM scope)`;
}
