import { queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';
import type { KbArticle, KbAudience, KbCategory } from '../kb/api';

export type KbStatus = 'draft' | 'published' | 'archived';
export const kbStatuses: KbStatus[] = ['draft', 'published', 'archived'];

export interface KbAdminArticle extends KbArticle {
  body: string;
  audiences: KbAudience[];
  status: KbStatus;
  categoryId: string | null;
  author: { id: string; name: string };
  updatedBy: string;
  views: number;
  sourceTicketId: string | null;
  createdAt: string;
}

export interface ArticleDraft {
  slug: string;
  categoryId: string | null;
  title: string;
  summary: string;
  body: string;
  language: 'ru' | 'en';
  audiences: KbAudience[];
}

export const adminCategoriesQuery = queryOptions({
  queryKey: ['kb-admin', 'categories'],
  queryFn: () => api<{ items: KbCategory[] }>('/api/v1/admin/kb/categories'),
});

export const adminArticlesQuery = (filters: {
  status: string | null;
  categoryId: string | null;
  audience: string | null;
}) =>
  queryOptions({
    queryKey: ['kb-admin', 'articles', filters],
    queryFn: () =>
      api<{ items: KbAdminArticle[]; nextCursor: string | null }>('/api/v1/admin/kb/articles', {
        query: { ...filters, limit: 100 },
      }),
  });

export const adminArticleQuery = (id: string) =>
  queryOptions({
    queryKey: ['kb-admin', 'article', id],
    queryFn: () => api<KbAdminArticle>(`/api/v1/admin/kb/articles/${encodeURIComponent(id)}`),
  });

export const saveArticle = (id: string | null, draft: ArticleDraft) =>
  id
    ? api<KbAdminArticle>(`/api/v1/admin/kb/articles/${encodeURIComponent(id)}`, {
        method: 'PUT',
        json: draft,
      })
    : api<KbAdminArticle>('/api/v1/admin/kb/articles', { method: 'POST', json: draft });

export const changeStatus = (
  id: string,
  verb: 'publish' | 'unpublish' | 'archive',
  audiences?: KbAudience[],
) =>
  api<KbAdminArticle>(`/api/v1/admin/kb/articles/${encodeURIComponent(id)}/${verb}`, {
    method: 'POST',
    json: audiences ? { audiences } : {},
  });

export const previewBody = (body: string) =>
  api<{ bodyHtml: string }>('/api/v1/admin/kb/preview', { method: 'POST', json: { body } });

export const saveCategory = (
  id: string | null,
  category: { slug: string; nameRu: string; nameEn: string; sort: number },
) =>
  id
    ? api<KbCategory>(`/api/v1/admin/kb/categories/${encodeURIComponent(id)}`, {
        method: 'PUT',
        json: category,
      })
    : api<KbCategory>('/api/v1/admin/kb/categories', { method: 'POST', json: category });

export const deleteCategory = (id: string) =>
  api<void>(`/api/v1/admin/kb/categories/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Field messages of a 400 answer by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(
    error.errors.map((e) => [e.path.replace(/^body\./, '').replace(/\.\d+$/, ''), e.message]),
  );
}
