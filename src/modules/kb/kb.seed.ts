import { eq } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { createArticle, createCategory, setArticleStatus } from './kb.admin.service.js';
import { demoKbArticles, demoKbCategories } from './kb.seed-data.js';
import { kbArticles, kbCategories } from './kb.tables.js';

/** Seeds the demo help centre (kb.seed-data.ts), published; a slug already there is left as it is. */
export async function seedDemoKnowledgeBase(tx: Db, editor: { id: string; name: string }): Promise<void> {
  const categoryIds = new Map<string, string>();
  for (const category of demoKbCategories) {
    const [existing] = await tx
      .select({ id: kbCategories.id })
      .from(kbCategories)
      .where(eq(kbCategories.slug, category.slug));
    categoryIds.set(category.slug, existing?.id ?? (await createCategory(tx, category)).id);
  }
  for (const article of demoKbArticles) {
    const [existing] = await tx
      .select({ id: kbArticles.id })
      .from(kbArticles)
      .where(eq(kbArticles.slug, article.slug));
    if (existing) continue;
    const id = await createArticle(tx, editor, {
      slug: article.slug,
      categoryId: categoryIds.get(article.category) ?? null,
      title: article.title,
      summary: article.summary,
      body: article.body,
      language: article.language ?? 'ru',
      audiences: article.audiences,
    });
    if (!article.draft) await setArticleStatus(tx, editor, id, 'published');
  }
}
