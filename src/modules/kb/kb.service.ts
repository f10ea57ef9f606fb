import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import type { ArticleListQuery } from './kb.schema.js';
import { type KbAudience, kbArticles, kbCategories, kbFeedback } from './kb.tables.js';

type ArticleRow = typeof kbArticles.$inferSelect;
type CategoryRow = typeof kbCategories.$inferSelect;

const audienceArray = (audiences: KbAudience[]) =>
  sql`array[${sql.join(
    audiences.map((a) => sql`${a}`),
    sql`, `,
  )}]::text[]`;

/** Published and meant for one of these audiences: the only articles the cabinet ever sees. */
export const visibleTo = (audiences: KbAudience[]): SQL =>
  sql`${kbArticles.status} = 'published' and ${kbArticles.audiences} && ${audienceArray(audiences)}`;

/** The article's search configuration, as SQL over the row. */
const configOf = sql`(case when a.language = 'en' then 'english'::regconfig else 'russian'::regconfig end)`;
/** The query in both stemmers, so a Russian or English article is found by its own language's word forms. */
const websearch = (q: string) =>
  sql`(websearch_to_tsquery('russian', ${q}) || websearch_to_tsquery('english', ${q}))`;

/** Snippets keep only the highlight tags ts_headline adds. */
const cleanSnippet = (s: string | null) =>
  s ? sanitizeHtml(s, { allowedTags: ['b'], allowedAttributes: {} }).trim() : null;

const categoryRef = (c: CategoryRow | undefined) =>
  c ? { id: c.id, slug: c.slug, nameRu: c.nameRu, nameEn: c.nameEn } : null;

async function categoryMap(db: Db) {
  const rows = await db.select().from(kbCategories);
  return new Map(rows.map((c) => [c.id, c]));
}

export function presentCard(
  a: ArticleRow,
  categories: Map<string, CategoryRow>,
  snippet: string | null = null,
) {
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    summary: a.summary,
    language: a.language,
    category: categoryRef(a.categoryId ? categories.get(a.categoryId) : undefined),
    snippet: cleanSnippet(snippet),
    publishedAt: a.publishedAt?.toISOString() ?? null,
  };
}

/** Categories in their order, with how many articles each holds for these audiences (in one language). */
export async function listCategories(db: Db, audiences: KbAudience[] | 'all', lang?: 'ru' | 'en') {
  const counted = await db
    .select({ categoryId: kbArticles.categoryId, n: count() })
    .from(kbArticles)
    .where(
      and(
        audiences === 'all' ? undefined : visibleTo(audiences),
        lang ? eq(kbArticles.language, lang) : undefined,
      ),
    )
    .groupBy(kbArticles.categoryId);
  const counts = new Map(counted.map((c) => [c.categoryId, Number(c.n)]));
  const rows = await db.select().from(kbCategories).orderBy(asc(kbCategories.sort), asc(kbCategories.nameRu));
  return {
    items: rows.map((c) => ({
      id: c.id,
      slug: c.slug,
      nameRu: c.nameRu,
      nameEn: c.nameEn,
      sort: c.sort,
      articleCount: counts.get(c.id) ?? 0,
    })),
  };
}

const rankCursor = z.tuple([z.number().int(), z.uuid()]);
const titleCursor = z.tuple([z.string(), z.uuid()]);

interface SearchHit {
  id: string;
  score: number;
  snippet: string | null;
}

/**
 * Published articles these audiences may read: by category, and with `q` a full-text search with Russian (or
 * English) morphology ranked by ts_rank with highlighted snippets; without `q` in title order.
 */
export async function listArticles(db: Db, audiences: KbAudience[], query: ArticleListQuery) {
  const categories = await categoryMap(db);
  const where: SQL[] = [visibleTo(audiences)];
  if (query.category) {
    const category = [...categories.values()].find((c) => c.slug === query.category);
    if (!category) return { items: [], nextCursor: null };
    where.push(eq(kbArticles.categoryId, category.id));
  }
  if (query.lang) where.push(eq(kbArticles.language, query.lang));
  const q = query.q?.trim();
  if (!q) {
    if (query.cursor) {
      const [title, id] = decodeCursor(query.cursor, titleCursor);
      where.push(sql`(${kbArticles.title}, ${kbArticles.id}) > (${title}, ${id})`);
    }
    const rows = await db
      .select()
      .from(kbArticles)
      .where(and(...where))
      .orderBy(asc(kbArticles.title), asc(kbArticles.id))
      .limit(query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (r) => presentCard(r, categories),
      (r) => [r.title, r.id],
    );
  }
  const tsq = websearch(q);
  const after = query.cursor
    ? (() => {
        const [score, id] = decodeCursor(query.cursor, rankCursor);
        return sql`and (h.score < ${score} or (h.score = ${score} and h.id > ${id}))`;
      })()
    : sql``;
  const hits = await queryRows<SearchHit>(
    db,
    sql`with h as (
      select kb_articles.id, round(ts_rank(kb_articles.search_vector, ${tsq}) * 1000000)::int as score
      from kb_articles where kb_articles.search_vector @@ ${tsq} and ${sql.join(
        where.map((w) => sql`(${w})`),
        sql` and `,
      )}
    )
    select h.id, h.score, ts_headline(${configOf}, regexp_replace(a.body_html, '<[^>]*>', ' ', 'g'), ${tsq},
      'MaxWords=30, MinWords=12, MaxFragments=1') as snippet
    from h join kb_articles a on a.id = h.id
    where true ${after}
    order by h.score desc, h.id asc limit ${query.limit + 1}`,
  );
  return pageOfHits(db, hits, query.limit, categories);
}

async function pageOfHits(db: Db, hits: SearchHit[], limit: number, categories: Map<string, CategoryRow>) {
  const ids = hits.map((h) => h.id);
  const rows = ids.length
    ? await db
        .select()
        .from(kbArticles)
        .where(sql`${kbArticles.id} in (${sql.join(ids, sql`, `)})`)
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return toPage(
    hits.filter((h) => byId.has(h.id)),
    limit,
    (h) => presentCard(byId.get(h.id) as ArticleRow, categories, h.snippet),
    (h) => [Number(h.score), h.id],
  );
}

/** Words of a typed request worth looking up: letters and digits only, so they are safe inside to_tsquery. */
export function suggestWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 3))].slice(0, 30);
}

/** Fewer typed characters than this suggest nothing: too little to tell what the request is about. */
export const suggestMinChars = 4;

/**
 * Articles that may answer a request being typed (subject and text): any of its words, in either stemmer,
 * ranked by ts_rank; the best `limit`. Short input suggests nothing.
 */
export async function suggestArticles(db: Db, audiences: KbAudience[], text: string, limit: number) {
  const words = suggestWords(text);
  if (text.trim().length < suggestMinChars || words.length === 0) return { items: [] };
  const any = words.join(' | ');
  const tsq = sql`(to_tsquery('russian', ${any}) || to_tsquery('english', ${any}))`;
  const hits = await queryRows<SearchHit>(
    db,
    sql`select a.id, round(ts_rank(a.search_vector, ${tsq}) * 1000000)::int as score, null as snippet
      from kb_articles a
      where a.search_vector @@ ${tsq} and a.status = 'published' and a.audiences && ${audienceArray(audiences)}
      order by score desc, a.id asc limit ${limit}`,
  );
  const page = await pageOfHits(db, hits, limit, await categoryMap(db));
  return { items: page.items };
}

/** Who votes: the signed-in person, or the anonymous browser's key. */
export type Voter = `person:${string}` | `anon:${string}`;

async function visibleArticle(db: Db, audiences: KbAudience[], slug: string): Promise<ArticleRow> {
  const [row] = await db
    .select()
    .from(kbArticles)
    .where(and(eq(kbArticles.slug, slug), visibleTo(audiences)));
  // Not published, or not for this reader: the same answer as no such article.
  if (!row) throw new AppError('NOT_FOUND', 'Article not found');
  return row;
}

async function voteOf(db: Db, articleId: string, voter: Voter | null): Promise<boolean | null> {
  if (!voter) return null;
  const [row] = await db
    .select({ helpful: kbFeedback.helpful })
    .from(kbFeedback)
    .where(and(eq(kbFeedback.articleId, articleId), eq(kbFeedback.voter, voter)));
  return row ? row.helpful === 'yes' : null;
}

export function presentArticle(a: ArticleRow, categories: Map<string, CategoryRow>, myVote: boolean | null) {
  return {
    ...presentCard(a, categories),
    bodyHtml: a.bodyHtml,
    helpfulYes: a.helpfulYes,
    helpfulNo: a.helpfulNo,
    myVote,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** A published article this reader may see (counting the view); anything else is NOT_FOUND. */
export async function readArticle(db: Db, audiences: KbAudience[], slug: string, voter: Voter | null) {
  const row = await visibleArticle(db, audiences, slug);
  await db
    .update(kbArticles)
    .set({ views: sql`${kbArticles.views} + 1` })
    .where(eq(kbArticles.id, row.id));
  return presentArticle(row, await categoryMap(db), await voteOf(db, row.id, voter));
}

/**
 * Records "was this helpful": one vote per voter per article; voting again changes the vote and moves the
 * counters in the same transaction, so they always equal the stored votes.
 */
export async function voteOnArticle(
  db: Db,
  audiences: KbAudience[],
  slug: string,
  voter: Voter,
  helpful: boolean,
) {
  return db.transaction(async (tx) => {
    const row = await visibleArticle(tx, audiences, slug);
    await tx.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.id, row.id)).for('update');
    const before = await voteOf(tx, row.id, voter);
    const value = helpful ? 'yes' : 'no';
    if (before !== helpful) {
      await tx
        .insert(kbFeedback)
        .values({ articleId: row.id, voter, helpful: value })
        .onConflictDoUpdate({
          target: [kbFeedback.articleId, kbFeedback.voter],
          set: { helpful: value, updatedAt: new Date() },
        });
      const yes = (helpful ? 1 : 0) - (before === true ? 1 : 0);
      const no = (helpful ? 0 : 1) - (before === false ? 1 : 0);
      await tx
        .update(kbArticles)
        .set({
          helpfulYes: sql`${kbArticles.helpfulYes} + ${yes}`,
          helpfulNo: sql`${kbArticles.helpfulNo} + ${no}`,
        })
        .where(eq(kbArticles.id, row.id));
    }
    const [after] = await tx
      .select({ helpfulYes: kbArticles.helpfulYes, helpfulNo: kbArticles.helpfulNo })
      .from(kbArticles)
      .where(eq(kbArticles.id, row.id));
    return { helpfulYes: after?.helpfulYes ?? 0, helpfulNo: after?.helpfulNo ?? 0, myVote: helpful };
  });
}
