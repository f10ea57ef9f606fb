import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

export type KbAudience = 'public' | 'customer' | 'company' | 'employee' | 'supplier' | 'staff';
export const kbAudiences: KbAudience[] = ['public', 'customer', 'company', 'employee', 'supplier', 'staff'];

export interface KbCategory {
  id: string;
  slug: string;
  nameRu: string;
  nameEn: string;
  sort: number;
  articleCount: number;
}

export interface KbArticleCard {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: 'ru' | 'en';
  category: { id: string; slug: string; nameRu: string; nameEn: string } | null;
  /** Sanitized by the server: text with the matched words in `<b>`. */
  snippet: string | null;
  publishedAt: string | null;
}

export interface KbArticle extends KbArticleCard {
  /** Sanitized by the server. */
  bodyHtml: string;
  helpfulYes: number;
  helpfulNo: number;
  myVote: boolean | null;
  updatedAt: string;
}

/** The category's name in the UI language. */
export const categoryName = (c: { nameRu: string; nameEn: string }, language: string) =>
  language.startsWith('en') ? c.nameEn : c.nameRu;

/** The articles' language for a UI language: the help centre shows articles written in it. */
export const kbLanguageOf = (language: string): 'ru' | 'en' => (language.startsWith('en') ? 'en' : 'ru');

export const kbCategoriesQuery = (org: string | null, lang: 'ru' | 'en') =>
  queryOptions({
    queryKey: ['kb', 'categories', org, lang],
    queryFn: () => api<{ items: KbCategory[] }>('/api/v1/public/kb/categories', { query: { org, lang } }),
  });

export const kbArticlesQuery = (params: {
  org: string | null;
  q: string;
  category: string | null;
  lang: 'ru' | 'en';
}) =>
  queryOptions({
    queryKey: ['kb', 'articles', params],
    queryFn: () =>
      api<{ items: KbArticleCard[]; nextCursor: string | null }>('/api/v1/public/kb/articles', {
        query: {
          org: params.org,
          q: params.q || null,
          category: params.category,
          lang: params.lang,
          limit: 50,
        },
      }),
  });

export const kbArticleQuery = (slug: string, org: string | null) =>
  queryOptions({
    queryKey: ['kb', 'article', slug, org],
    queryFn: () =>
      api<KbArticle>(`/api/v1/public/kb/articles/${encodeURIComponent(slug)}`, { query: { org } }),
  });

export const kbSuggestQuery = (q: string, org: string | null, limit = 5) =>
  queryOptions({
    queryKey: ['kb', 'suggest', q, org, limit],
    queryFn: () => api<{ items: KbArticleCard[] }>('/api/v1/public/kb/suggest', { query: { q, org, limit } }),
    staleTime: 60_000,
  });

export const voteOnArticle = (slug: string, org: string | null, helpful: boolean) =>
  api<{ helpfulYes: number; helpfulNo: number; myVote: boolean }>(
    `/api/v1/public/kb/articles/${encodeURIComponent(slug)}/feedback`,
    { method: 'POST', json: { helpful }, query: { org } },
  );

/** Where the help centre lives in this context: a company's (`/orgs/:orgId/help`) or the personal one. */
export const helpBase = (org: string | null) => (org ? `/orgs/${encodeURIComponent(org)}/help` : '/help');
