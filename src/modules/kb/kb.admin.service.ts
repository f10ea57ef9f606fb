import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { markdownToHtml } from './kb.markdown.js';
import type { AdminArticleListQuery, ArticleInput, CategoryInput } from './kb.schema.js';
import { presentArticle } from './kb.service.js';
import { type KbAudience, kbArticles, kbCategories } from './kb.tables.js';

type ArticleRow = typeof kbArticles.$inferSelect;
type CategoryRow = typeof kbCategories.$inferSelect;

/** Who edits: a staff member or the operator. */
export interface Editor {
  id: string;
  name: string;
}

const isUuid = (id: string) => z.uuid().safeParse(id).success;

const slugTaken = (path: string) =>
  new AppError('CONFLICT', 'This slug is already taken', [{ path, message: 'Choose another slug' }]);

/** Postgres unique violation: a slug somebody else took at the same moment. */
const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' &&
  e !== null &&
  ((e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code) === '23505';

async function categories(db: Db) {
  const rows = await db.select().from(kbCategories);
  return new Map(rows.map((c) => [c.id, c]));
}

export function presentAdminArticle(a: ArticleRow, cats: Map<string, CategoryRow>) {
  return {
    ...presentArticle(a, cats, null),
    body: a.body,
    audiences: a.audiences as KbAudience[],
    status: a.status,
    categoryId: a.categoryId,
    author: { id: a.authorId, name: a.authorName },
    updatedBy: a.updatedBy,
    views: a.views,
    sourceTicketId: a.sourceTicketId,
    createdAt: a.createdAt.toISOString(),
  };
}

export async function articleById(db: Db, id: string): Promise<ArticleRow> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'Article not found');
  const [row] = await db.select().from(kbArticles).where(eq(kbArticles.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'Article not found');
  return row;
}

/** An article as the editor sees it, drafts included (also its preview). */
export async function adminArticle(db: Db, id: string) {
  return presentAdminArticle(await articleById(db, id), await categories(db));
}

async function checkCategory(db: Db, categoryId: string | null) {
  if (!categoryId) return;
  const [row] = await db
    .select({ id: kbCategories.id })
    .from(kbCategories)
    .where(eq(kbCategories.id, categoryId));
  if (!row) {
    throw new AppError('VALIDATION_FAILED', 'No such category', [
      { path: 'categoryId', message: 'No such category' },
    ]);
  }
}

const cursorShape = z.tuple([z.string(), z.uuid()]);

/** Every article, recently changed first, with status, category, audience and text filters. */
export async function listAdminArticles(db: Db, query: AdminArticleListQuery) {
  const where: SQL[] = [];
  if (query.status) where.push(eq(kbArticles.status, query.status));
  if (query.categoryId) where.push(eq(kbArticles.categoryId, query.categoryId));
  if (query.audience) where.push(sql`${query.audience} = any(${kbArticles.audiences})`);
  if (query.q) where.push(sql`${kbArticles.title} ilike ${`%${query.q.replace(/[\\%_]/g, '\\$&')}%`}`);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, cursorShape);
    where.push(sql`(${kbArticles.updatedAt}, ${kbArticles.id}) < (${new Date(at)}, ${id})`);
  }
  const rows = await db
    .select()
    .from(kbArticles)
    .where(and(...where))
    .orderBy(desc(kbArticles.updatedAt), desc(kbArticles.id))
    .limit(query.limit + 1);
  const cats = await categories(db);
  return toPage(
    rows,
    query.limit,
    (r) => presentAdminArticle(r, cats),
    (r) => [r.updatedAt.toISOString(), r.id],
  );
}

/** A new draft. */
export async function createArticle(
  db: Db,
  editor: Editor,
  input: ArticleInput,
  sourceTicketId: string | null = null,
): Promise<string> {
  await checkCategory(db, input.categoryId);
  const id = uuidv7();
  const now = new Date();
  try {
    await db.insert(kbArticles).values({
      id,
      slug: input.slug,
      categoryId: input.categoryId,
      title: input.title,
      summary: input.summary,
      body: input.body,
      bodyHtml: markdownToHtml(input.body),
      language: input.language,
      audiences: [...new Set(input.audiences)],
      status: 'draft',
      authorId: editor.id,
      authorName: editor.name,
      updatedBy: editor.name,
      sourceTicketId,
      createdAt: now,
      updatedAt: now,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw slugTaken('slug');
    throw e;
  }
  return id;
}

/** Replaces an article's content; a published article stays published with the new text. */
export async function updateArticle(db: Db, editor: Editor, id: string, input: ArticleInput): Promise<void> {
  await articleById(db, id);
  await checkCategory(db, input.categoryId);
  const [clash] = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(and(eq(kbArticles.slug, input.slug), sql`${kbArticles.id} <> ${id}`));
  if (clash) throw slugTaken('slug');
  await db
    .update(kbArticles)
    .set({
      slug: input.slug,
      categoryId: input.categoryId,
      title: input.title,
      summary: input.summary,
      body: input.body,
      bodyHtml: markdownToHtml(input.body),
      language: input.language,
      audiences: [...new Set(input.audiences)],
      updatedBy: editor.name,
      updatedAt: new Date(),
    })
    .where(eq(kbArticles.id, id));
}

/** Publishes (optionally for new audiences), takes back to draft, or archives. */
export async function setArticleStatus(
  db: Db,
  editor: Editor,
  id: string,
  status: 'published' | 'draft' | 'archived',
  audiences?: KbAudience[],
): Promise<ArticleRow> {
  const row = await articleById(db, id);
  if (status === 'published' && !row.title.trim()) {
    throw new AppError('VALIDATION_FAILED', 'An article needs a title', [
      { path: 'title', message: 'Required' },
    ]);
  }
  const [after] = await db
    .update(kbArticles)
    .set({
      status,
      ...(audiences ? { audiences: [...new Set(audiences)] } : {}),
      publishedAt: status === 'published' ? (row.publishedAt ?? new Date()) : row.publishedAt,
      updatedBy: editor.name,
      updatedAt: new Date(),
    })
    .where(eq(kbArticles.id, id))
    .returning();
  return after as ArticleRow;
}

/** A slug from a title: transliterated Russian, latin letters, digits and dashes, made unique with a suffix. */
export async function freeSlug(db: Db, title: string): Promise<string> {
  const map: Record<string, string> = {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    е: 'e',
    ё: 'e',
    ж: 'zh',
    з: 'z',
    и: 'i',
    й: 'y',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: 'h',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'sch',
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'yu',
    я: 'ya',
  };
  const base =
    [...title.toLowerCase()]
      .map((ch) => map[ch] ?? ch)
      .join('')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'article';
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const [taken] = await db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.slug, slug));
    if (!taken) return slug;
  }
  return `${base}-${uuidv7().slice(-8)}`;
}

/** A draft from an operator's answer to a request: the answer's text becomes the body, for staff only. */
export async function articleFromAnswer(
  db: Db,
  editor: Editor,
  input: { title: string; body: string; sourceTicketId?: string | undefined },
): Promise<string> {
  return createArticle(
    db,
    editor,
    {
      slug: await freeSlug(db, input.title),
      categoryId: null,
      title: input.title,
      summary: '',
      body: input.body,
      language: 'ru',
      audiences: ['staff'],
    },
    input.sourceTicketId ?? null,
  );
}

// Categories.

async function categoryById(db: Db, id: string): Promise<CategoryRow> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'Category not found');
  const [row] = await db.select().from(kbCategories).where(eq(kbCategories.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'Category not found');
  return row;
}

export async function createCategory(db: Db, input: CategoryInput): Promise<CategoryRow> {
  const [clash] = await db
    .select({ id: kbCategories.id })
    .from(kbCategories)
    .where(eq(kbCategories.slug, input.slug));
  if (clash) throw slugTaken('slug');
  const [row] = await db
    .insert(kbCategories)
    .values({ id: uuidv7(), ...input })
    .returning();
  return row as CategoryRow;
}

export async function updateCategory(db: Db, id: string, input: CategoryInput): Promise<CategoryRow> {
  await categoryById(db, id);
  const [clash] = await db
    .select({ id: kbCategories.id })
    .from(kbCategories)
    .where(and(eq(kbCategories.slug, input.slug), sql`${kbCategories.id} <> ${id}`));
  if (clash) throw slugTaken('slug');
  const [row] = await db
    .update(kbCategories)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(kbCategories.id, id))
    .returning();
  return row as CategoryRow;
}

/** Deletes an empty category; one that still holds articles is refused. */
export async function deleteCategory(db: Db, id: string): Promise<CategoryRow> {
  const row = await categoryById(db, id);
  const [used] = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(eq(kbArticles.categoryId, id))
    .limit(1);
  if (used) throw new AppError('CONFLICT', 'The category still holds articles; move them first');
  await db.delete(kbCategories).where(eq(kbCategories.id, id));
  return row;
}
