import { z } from 'zod';
import { pageQuery } from '../../server/core/pagination.js';
import { kbAudiences, kbLanguages, kbStatuses } from './kb.tables.js';

const slug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lowercase latin letters, digits and dashes');
const audiences = z.array(z.enum(kbAudiences)).min(1).max(kbAudiences.length);

/** The company the person acts in (the cabinet's `/orgs/:orgId` context): adds company articles. */
const orgParam = z.uuid().optional();

export const categoryBody = z
  .object({
    slug,
    nameRu: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    sort: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type CategoryInput = z.infer<typeof categoryBody>;

export const articleBody = z
  .object({
    slug,
    categoryId: z.uuid().nullable().default(null),
    title: z.string().trim().min(1).max(300),
    summary: z.string().trim().max(1000).default(''),
    /** Markdown (plain text is fine); the server keeps a sanitized HTML copy. */
    body: z.string().max(100_000).default(''),
    language: z.enum(kbLanguages).default('ru'),
    audiences: audiences.default(['public']),
  })
  .strict();
export type ArticleInput = z.infer<typeof articleBody>;

export const publishBody = z.object({ audiences: audiences.optional() }).strict();

export const fromAnswerBody = z
  .object({
    title: z.string().trim().min(1).max(300),
    body: z.string().trim().min(1).max(100_000),
    sourceTicketId: z.uuid().optional(),
  })
  .strict();

export const feedbackBody = z.object({ helpful: z.boolean() }).strict();

export const articleListQuery = pageQuery.extend({
  category: slug.optional(),
  q: z.string().trim().max(200).optional(),
  lang: z.enum(kbLanguages).optional(),
  org: orgParam,
});
export type ArticleListQuery = z.infer<typeof articleListQuery>;

export const suggestQuery = z.object({
  q: z.string().max(2000).default(''),
  limit: z.coerce.number().int().min(1).max(10).default(5),
  org: orgParam,
});

export const orgQuery = z.object({ org: orgParam });
export const categoriesQuery = orgQuery.extend({ lang: z.enum(kbLanguages).optional() });

export const adminArticleListQuery = pageQuery.extend({
  status: z.enum(kbStatuses).optional(),
  categoryId: z.uuid().optional(),
  audience: z.enum(kbAudiences).optional(),
  q: z.string().trim().max(200).optional(),
});
export type AdminArticleListQuery = z.infer<typeof adminArticleListQuery>;

export const slugParams = z.object({ slug: z.string().max(120) });
export const idParams = z.object({ id: z.string().max(64) });

export const categorySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    nameRu: z.string(),
    nameEn: z.string(),
    sort: z.number().int(),
    articleCount: z.number().int(),
  })
  .meta({ id: 'KbCategory' });

const categoryRef = z.object({ id: z.string(), slug: z.string(), nameRu: z.string(), nameEn: z.string() });

export const articleCardSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    language: z.enum(kbLanguages),
    category: categoryRef.nullable(),
    /** Search only: a fragment of the text with the matched words in `<b>` (HTML-escaped otherwise). */
    snippet: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'KbArticleCard' });

export const articleSchema = articleCardSchema
  .extend({
    bodyHtml: z.string(),
    helpfulYes: z.number().int(),
    helpfulNo: z.number().int(),
    /** My vote (this person's, or this browser's when not signed in). */
    myVote: z.boolean().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'KbArticle' });

export const adminArticleSchema = articleSchema
  .extend({
    body: z.string(),
    audiences: z.array(z.enum(kbAudiences)),
    status: z.enum(kbStatuses),
    categoryId: z.string().nullable(),
    author: z.object({ id: z.string(), name: z.string() }),
    updatedBy: z.string(),
    views: z.number().int(),
    sourceTicketId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'KbAdminArticle' });

export const feedbackResultSchema = z.object({
  helpfulYes: z.number().int(),
  helpfulNo: z.number().int(),
  myVote: z.boolean(),
});

export const articlePageSchema = z.object({
  items: z.array(articleCardSchema),
  nextCursor: z.string().nullable(),
});
export const adminArticlePageSchema = z.object({
  items: z.array(adminArticleSchema),
  nextCursor: z.string().nullable(),
});
export const suggestionsSchema = z.object({ items: z.array(articleCardSchema) });
export const categoryListSchema = z.object({ items: z.array(categorySchema) });
