import type { DMMF } from '@prisma/client/runtime/client';
import type pg from 'pg';

/**
 * A schema flattened to sorted, human-readable lines, so the drift test can compare what the Prisma
 * schema declares with what the migrations built, and print a readable diff when they differ.
 */
export interface SchemaShape {
  tables: string[];
  /** `table.column type [NOT NULL] [DEFAULT]` */
  columns: string[];
  /** `table.index PRIMARY|UNIQUE|INDEX (col, col DESC)` */
  indexes: string[];
  /** `table.constraint (cols) -> table (cols) ON DELETE x ON UPDATE y` */
  foreignKeys: string[];
  /** `type: value, value` */
  enums: string[];
}

const referentialActions: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  SetNull: 'SET NULL',
  NoAction: 'NO ACTION',
  SetDefault: 'SET DEFAULT',
};

/** Defaults Prisma fills in on the client: they leave no DEFAULT in the database. */
const clientSideDefaults = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);

/** The database shape Prisma's migrations would produce for this data model (PostgreSQL). */
export function shapeFromDatamodel(datamodel: DMMF.Datamodel): SchemaShape {
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const enumDbNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableOf = (modelName: string) => {
    const model = models.get(modelName);
    if (!model) throw new Error(`unknown model ${modelName}`);
    return model.dbName ?? model.name;
  };
  const columnOf = (modelName: string, fieldName: string) => {
    const field = models.get(modelName)?.fields.find((f) => f.name === fieldName);
    if (!field) throw new Error(`unknown field ${modelName}.${fieldName}`);
    return field.dbName ?? field.name;
  };

  const shape: SchemaShape = { tables: [], columns: [], indexes: [], foreignKeys: [], enums: [] };
  for (const model of datamodel.models) {
    const table = tableOf(model.name);
    shape.tables.push(table);
    for (const field of model.fields) {
      if (field.kind === 'scalar' || field.kind === 'enum') {
        const type = field.kind === 'enum' ? (enumDbNames.get(field.type) ?? field.type) : scalarType(field);
        const notNull = field.isRequired && !field.isList;
        shape.columns.push(
          columnLine(
            table,
            field.dbName ?? field.name,
            field.isList ? `${type}[]` : type,
            notNull,
            hasDbDefault(field),
          ),
        );
      }
      if (field.kind === 'object' && field.relationFromFields && field.relationFromFields.length > 0) {
        const from = field.relationFromFields.map((name) => columnOf(model.name, name));
        const to = (field.relationToFields ?? []).map((name) => columnOf(field.type, name));
        const allRequired = field.relationFromFields.every(
          (name) => model.fields.find((f) => f.name === name)?.isRequired,
        );
        const onDelete = field.relationOnDelete ?? (allRequired ? 'Restrict' : 'SetNull');
        const onUpdate = field.relationOnUpdate ?? 'Cascade';
        shape.foreignKeys.push(
          foreignKeyLine(
            table,
            prismaName(table, from, 'fkey'),
            from,
            tableOf(field.type),
            to,
            action(onDelete),
            action(onUpdate),
          ),
        );
      }
    }
  }
  for (const index of datamodel.indexes) {
    const table = tableOf(index.model);
    const columns = index.fields.map((f) => ({
      name: columnOf(index.model, f.name),
      descending: f.sortOrder === 'desc',
    }));
    const kind = index.type === 'id' ? 'PRIMARY' : index.type === 'unique' ? 'UNIQUE' : 'INDEX';
    const suffix = index.type === 'id' ? 'pkey' : index.type === 'unique' ? 'key' : 'idx';
    const name =
      index.dbName ??
      (index.type === 'id'
        ? `${table}_pkey`
        : prismaName(
            table,
            columns.map((c) => c.name),
            suffix,
          ));
    shape.indexes.push(indexLine(table, name, kind, columns));
  }
  for (const e of datamodel.enums) {
    shape.enums.push(
      enumLine(
        e.dbName ?? e.name,
        e.values.map((value) => value.dbName ?? value.name),
      ),
    );
  }
  return sortShape(shape);
}

export interface DatabaseShape extends SchemaShape {
  /** Partial and expression indexes (hand-written SQL: Prisma cannot declare them). */
  specialIndexes: string[];
}

/** What the database actually contains, in the public schema (Prisma's migration table left out). */
export async function shapeFromDatabase(pool: pg.Pool): Promise<DatabaseShape> {
  const inSchema = `n.nspname = current_schema() AND c.relname <> '_prisma_migrations'`;
  const columns = await pool.query<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    has_default: boolean;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, a.atthasdef AS has_default
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${inSchema} AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const indexes = await pool.query<{
    table: string;
    name: string;
    primary: boolean;
    unique: boolean;
    special: boolean;
    columns: string[];
    descending: boolean[];
  }>(
    `SELECT c.relname AS table, i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique,
            (x.indpred IS NOT NULL OR x.indexprs IS NOT NULL) AS special,
            array(SELECT coalesce(a.attname::text, '<expression>')
                    FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                   ORDER BY k.ord) AS columns,
            array(SELECT (o.option & 1) = 1
                    FROM unnest(x.indoption::int2[]) WITH ORDINALITY AS o(option, ord)
                   ORDER BY o.ord) AS descending
       FROM pg_index x
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${inSchema}`,
  );
  const foreignKeys = await pool.query<{
    table: string;
    name: string;
    columns: string[];
    ref_table: string;
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT c.relname AS table, k.conname AS name, r.relname AS ref_table,
            array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord) AS columns,
            array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.ord) AS ref_columns,
            k.confdeltype::text AS on_delete, k.confupdtype::text AS on_update
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class r ON r.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${inSchema} AND k.contype = 'f'`,
  );
  const enums = await pool.query<{ name: string; values: string[] }>(
    `SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t
       JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = current_schema()
      GROUP BY t.typname`,
  );
  const pgActions: Record<string, string> = {
    a: 'NO ACTION',
    r: 'RESTRICT',
    c: 'CASCADE',
    n: 'SET NULL',
    d: 'SET DEFAULT',
  };

  const shape: DatabaseShape = {
    tables: [...new Set(columns.rows.map((row) => row.table))],
    columns: columns.rows.map((row) =>
      columnLine(row.table, row.column, row.type, row.not_null, row.has_default),
    ),
    indexes: [],
    specialIndexes: [],
    foreignKeys: foreignKeys.rows.map((row) =>
      foreignKeyLine(
        row.table,
        row.name,
        row.columns,
        row.ref_table,
        row.ref_columns,
        pgActions[row.on_delete] ?? row.on_delete,
        pgActions[row.on_update] ?? row.on_update,
      ),
    ),
    enums: enums.rows.map((row) => enumLine(row.name, row.values)),
  };
  for (const row of indexes.rows) {
    const kind = row.primary ? 'PRIMARY' : row.unique ? 'UNIQUE' : 'INDEX';
    const columnsOfIndex = row.columns.map((name, i) => ({ name, descending: row.descending[i] ?? false }));
    (row.special ? shape.specialIndexes : shape.indexes).push(
      indexLine(row.table, row.name, kind, columnsOfIndex),
    );
  }
  shape.specialIndexes.sort();
  return sortShape(shape);
}

function scalarType(field: DMMF.Field): string {
  const [native, args = []] = field.nativeType ?? [];
  switch (field.type) {
    case 'String':
      if (native === 'Uuid') return 'uuid';
      if (native === 'VarChar') return `character varying(${args[0]})`;
      if (native === 'Char') return `character(${args[0]})`;
      if (native === undefined || native === 'Text') return 'text';
      break;
    case 'Int':
      if (native === undefined || native === 'Integer') return 'integer';
      break;
    case 'BigInt':
      if (native === undefined) return 'bigint';
      break;
    case 'Boolean':
      if (native === undefined) return 'boolean';
      break;
    case 'DateTime':
      if (native === 'Timestamptz') return `timestamp(${args[0] ?? 6}) with time zone`;
      if (native === undefined) return 'timestamp(3) without time zone';
      break;
    case 'Json':
      if (native === undefined) return 'jsonb';
      break;
  }
  throw new Error(`schema-shape: add a mapping for ${field.type} ${native ?? ''} (field ${field.name})`);
}

function hasDbDefault(field: DMMF.Field): boolean {
  if (!field.hasDefaultValue) return false;
  const value = field.default;
  const isFunction = typeof value === 'object' && value !== null && !Array.isArray(value);
  return !(isFunction && clientSideDefaults.has((value as DMMF.FieldDefault).name));
}

function action(prismaAction: string): string {
  return referentialActions[prismaAction] ?? prismaAction;
}

/** Prisma's default constraint name: table_columns_suffix (PostgreSQL caps identifiers at 63 bytes). */
function prismaName(table: string, columns: readonly string[], suffix: string): string {
  const name = `${table}_${columns.join('_')}_${suffix}`;
  if (Buffer.byteLength(name) > 63)
    throw new Error(`${name} exceeds 63 bytes: Prisma would truncate it; map it`);
  return name;
}

function columnLine(
  table: string,
  column: string,
  type: string,
  notNull: boolean,
  hasDefault: boolean,
): string {
  return `${table}.${column} ${type}${notNull ? ' NOT NULL' : ''}${hasDefault ? ' DEFAULT' : ''}`;
}

function indexLine(
  table: string,
  name: string,
  kind: string,
  columns: readonly { name: string; descending: boolean }[],
): string {
  return `${table}.${name} ${kind} (${columns.map((c) => (c.descending ? `${c.name} DESC` : c.name)).join(', ')})`;
}

function foreignKeyLine(
  table: string,
  name: string,
  columns: readonly string[],
  refTable: string,
  refColumns: readonly string[],
  onDelete: string,
  onUpdate: string,
): string {
  return `${table}.${name} (${columns.join(', ')}) -> ${refTable} (${refColumns.join(', ')}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
}

function enumLine(name: string, values: readonly string[]): string {
  return `${name}: ${values.join(', ')}`;
}

function sortShape<T extends SchemaShape>(shape: T): T {
  for (const key of ['tables', 'columns', 'indexes', 'foreignKeys', 'enums'] as const) shape[key].sort();
  return shape;
}
