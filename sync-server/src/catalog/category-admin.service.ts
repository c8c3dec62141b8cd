import type { Prisma } from '@allure/db/client';
import type {
  CreateCategoryInput,
  MoveCategoryInput,
  UpdateCategoryInput,
} from '@allure/shared/catalog.schema';
import { ConflictError, NotFoundError } from '../errors.js';
import { catalogTags } from './catalog-tags.js';
import {
  type CatalogClient,
  categoryChain,
  explained,
  freeSlug,
  isMissingRecord,
  isSlugTaken,
  published,
  type WriteContext,
} from './catalog-write.js';

// Manager writes to the category tree. Moving is the write that can break the tree (a category under its
// own descendant): moves take one lock in turn, so that two of them cannot each pass the check and
// together close a loop. A category is deleted only when empty.

const categorySelect = {
  id: true,
  slug: true,
  name: true,
  parentId: true,
  position: true,
  updatedAt: true,
} satisfies Prisma.CategorySelect;

/** One key for every move of the catalog tree (pg_advisory_xact_lock). */
const TREE_LOCK = 727_001;

const slugConflict = (slug: string) => () =>
  new ConflictError(`slug "${slug}" is already used by another category`);

export async function createCategory(ctx: WriteContext, input: CreateCategoryInput) {
  const parentId = input.parentId ?? null;
  for (let attempt = 1; ; attempt += 1) {
    const slug = input.slug ?? (await freeSlug(ctx.db, 'category', input.name));
    try {
      const position = input.position ?? (await nextPosition(ctx.db.prisma, parentId));
      const created = await ctx.db.prisma.category.create({
        data: { name: input.name, slug, parentId, position },
        select: categorySelect,
      });
      await published(ctx, ['categories'], [catalogTags.categories]);
      return created;
    } catch (error) {
      if (input.slug === undefined && attempt < 3 && isSlugTaken(error, 'category_slug_key')) continue;
      throw explained(error, {
        category_slug_key: slugConflict(slug),
        category_parent_id_fkey: () => new NotFoundError('Category', parentId ?? ''),
      });
    }
  }
}

/** Name, slug or position; the tree is unchanged. */
export async function updateCategory(ctx: WriteContext, input: UpdateCategoryInput) {
  const before = await ctx.db.prisma.category.findUnique({
    where: { id: input.id },
    select: { name: true },
  });
  if (!before) throw new NotFoundError('Category', input.id);
  const updated = await ctx.db.prisma.category
    .update({
      where: { id: input.id },
      data: { name: input.name, slug: input.slug, position: input.position },
      select: categorySelect,
    })
    .catch((error: unknown) => {
      if (isMissingRecord(error)) throw new NotFoundError('Category', input.id);
      throw explained(error, { category_slug_key: slugConflict(input.slug ?? '') });
    });
  const renamed = updated.name !== before.name;
  // A new name is shown on every page of its products and is part of their search text (the trigger has
  // rewritten it, hence products to pull).
  await published(ctx, renamed ? ['categories', 'products'] : ['categories'], [
    catalogTags.categories,
    catalogTags.category(input.id),
    ...(renamed ? [catalogTags.search] : []),
  ]);
  return updated;
}

/** Under another parent (null: the top level), never under itself or one of its descendants. */
export async function moveCategory(ctx: WriteContext, input: MoveCategoryInput) {
  const { moved, from } = await ctx.db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TREE_LOCK}::bigint)`;
    const current = await tx.category.findUnique({ where: { id: input.id }, select: { parentId: true } });
    if (!current) throw new NotFoundError('Category', input.id);
    if (input.parentId !== null) {
      const parentChain = await categoryChain(tx, input.parentId);
      if (parentChain.length === 0) throw new NotFoundError('Category', input.parentId);
      if (parentChain.includes(input.id)) {
        throw new ConflictError('a category cannot move under itself or one of its subcategories');
      }
    }
    const position =
      input.position ??
      (current.parentId === input.parentId ? undefined : await nextPosition(tx, input.parentId));
    const updated = await tx.category.update({
      where: { id: input.id },
      data: { parentId: input.parentId, position },
      select: categorySelect,
    });
    return { moved: updated, from: current.parentId };
  });
  if (from === moved.parentId) {
    await published(ctx, ['categories'], [catalogTags.categories]);
    return moved;
  }
  // The subtree's products leave the listings of the old ancestors and join those of the new ones (the
  // unfiltered listing keeps them), and their search text has the new path.
  const [oldChain, newChain] = await Promise.all([
    from === null ? [] : categoryChain(ctx.db.prisma, from),
    moved.parentId === null ? [] : categoryChain(ctx.db.prisma, moved.parentId),
  ]);
  await published(
    ctx,
    ['categories', 'products'],
    [
      catalogTags.categories,
      ...[...oldChain, ...newChain].map((categoryId) => catalogTags.listing(categoryId)),
      catalogTags.search,
    ],
  );
  return moved;
}

/** Only an empty category: no subcategory, no product of any status. */
export async function deleteCategory(ctx: WriteContext, input: { id: string }) {
  const found = await ctx.db.prisma.category.findUnique({
    where: { id: input.id },
    select: { slug: true, _count: { select: { children: true, products: true } } },
  });
  if (!found) throw new NotFoundError('Category', input.id);
  const { children, products } = found._count;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const notEmpty = () =>
    new ConflictError(
      `category "${found.slug}" still holds ${count(children, 'subcategory', 'subcategories')} and ${count(products, 'product', 'products')}: move or delete them first`,
    );
  if (children > 0 || products > 0) throw notEmpty();
  await ctx.db.prisma.category.delete({ where: { id: input.id } }).catch((error: unknown) => {
    if (isMissingRecord(error)) throw new NotFoundError('Category', input.id);
    // Something was added to it since the check.
    throw explained(error, { category_parent_id_fkey: notEmpty, product_category_id_fkey: notEmpty });
  });
  await published(
    ctx,
    ['categories'],
    [catalogTags.categories, catalogTags.category(input.id), catalogTags.listing(input.id)],
  );
  return { id: input.id };
}

/** After the last sibling. */
async function nextPosition(client: CatalogClient, parentId: string | null): Promise<number> {
  const last = await client.category.aggregate({ where: { parentId }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}
