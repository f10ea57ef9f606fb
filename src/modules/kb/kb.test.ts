import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/audit.tables.js';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
  origin,
} from '../companies/companies.testkit.js';
import { markdownToHtml } from './kb.markdown.js';
import { kbFeedback } from './kb.tables.js';

let k: CompaniesTestApp;
let customer: string;
let owner: string;
let supplier: string;
let support: string;
let dealerId: string;
let supplierId: string;

interface Card {
  slug: string;
  title: string;
  snippet: string | null;
}
interface AdminArticle {
  id: string;
  slug: string;
  status: string;
  audiences: string[];
  bodyHtml: string;
  sourceTicketId: string | null;
}

const get = (cookie: string | undefined, url: string) => k.as(cookie)('GET', url);
const slugsOf = (res: { json(): { items: Card[] } }) => res.json().items.map((i) => i.slug);
const search = async (q: string, cookie?: string, extra = '') =>
  slugsOf(await get(cookie, `/api/v1/public/kb/articles?q=${encodeURIComponent(q)}${extra}`));

/** A draft made by the operator, then published for the audiences. */
async function publishedArticle(slug: string, audiences: string[], body = 'Текст статьи про доставку.') {
  const created = await k.as(k.operator)('POST', '/api/v1/admin/kb/articles', {
    slug,
    title: `Статья ${slug}`,
    body,
    audiences,
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as AdminArticle).id;
  const published = await k.as(k.operator)('POST', `/api/v1/admin/kb/articles/${id}/publish`, {});
  expect(published.statusCode, published.body).toBe(200);
  return id;
}

beforeAll(async () => {
  k = await companiesTestApp();
  customer = await k.cookieOf(demoPeople.customer.email);
  owner = await k.cookieOf(demoPeople.owner.email);
  supplier = await k.cookieOf(demoPeople.supplier.email);
  support = await k.cookieOf(demoPeople.support.email);
  dealerId = await k.companyIdOf(owner, demoCompanies.dealer.name);
  supplierId = await k.companyIdOf(supplier, demoCompanies.supplier.name);
}, 60_000);

afterAll(async () => {
  await k?.t.close();
});

describe('search with Russian morphology', () => {
  it('finds «доставки» for «доставка», «заказы» for «заказ» and returns highlighted snippets', async () => {
    expect(await search('доставка')).toContain('sroki-i-stoimost-dostavki');
    expect(await search('заказ')).toContain('kak-oformit-zakaz');
    expect(await search('возвратом товаров')).toContain('vozvrat-tovara');
    const res = await get(undefined, `/api/v1/public/kb/articles?q=${encodeURIComponent('самовывоз')}`);
    const hit = (res.json().items as Card[]).find((c) => c.slug === 'sroki-i-stoimost-dostavki');
    expect(hit?.snippet).toMatch(/<b>[Сс]амовывоз<\/b>/);
  });

  it('finds English articles by English word forms and ranks the title match first', async () => {
    expect(await search('orders placing')).toContain('how-to-place-an-order');
    const ranked = await search('доставки');
    expect(ranked[0]).toBe('sroki-i-stoimost-dostavki');
  });

  it('pages search results with a cursor and refuses a forged one', async () => {
    const first = await get(undefined, `/api/v1/public/kb/articles?q=${encodeURIComponent('заказ')}&limit=1`);
    const { items, nextCursor } = first.json();
    expect(items).toHaveLength(1);
    expect(nextCursor).toBeTruthy();
    const second = await get(
      undefined,
      `/api/v1/public/kb/articles?q=${encodeURIComponent('заказ')}&limit=1&cursor=${nextCursor}`,
    );
    expect(second.json().items[0].slug).not.toBe(items[0].slug);
    const forged = await get(undefined, '/api/v1/public/kb/articles?q=x&cursor=nonsense');
    expect(forged.statusCode).toBe(400);
  });

  it('lists by category and language', async () => {
    const list = slugsOf(
      await get(undefined, '/api/v1/public/kb/articles?category=payment-documents&lang=ru'),
    );
    expect(list).toContain('oplata-po-schetu');
    expect(list).not.toContain('paying-by-invoice');
    expect(list).not.toContain('kak-oformit-zakaz');
    expect(slugsOf(await get(undefined, '/api/v1/public/kb/articles?category=nope'))).toEqual([]);
    const english = (await get(undefined, '/api/v1/public/kb/categories?lang=en')).json().items;
    expect(english.map((c: { articleCount: number }) => c.articleCount)).toEqual([1, 1, 0]);
  });
});

describe('who reads what', () => {
  it('shows a guest only public articles and a signed-in person customer ones too', async () => {
    const guest = slugsOf(await get(undefined, '/api/v1/public/kb/articles?limit=100'));
    expect(guest).toContain('kak-oformit-zakaz');
    expect(guest).not.toContain('kak-otsledit-zakaz');
    expect((await get(undefined, '/api/v1/public/kb/articles/kak-otsledit-zakaz')).statusCode).toBe(404);
    const person = slugsOf(await get(customer, '/api/v1/public/kb/articles?limit=100'));
    expect(person).toContain('kak-otsledit-zakaz');
    expect(person).not.toContain('kak-dobavit-kollegu');
    expect(person).not.toContain('vnutrennee-otvety-po-vozvratam');
  });

  it('adds company articles to a member acting in their company, never for a company they are not in', async () => {
    expect((await get(owner, '/api/v1/public/kb/articles/kak-dobavit-kollegu')).statusCode).toBe(404);
    const inDealer = await get(owner, `/api/v1/public/kb/articles/kak-dobavit-kollegu?org=${dealerId}`);
    expect(inDealer.statusCode).toBe(200);
    expect(inDealer.json().bodyHtml).toContain('<ol>');
    expect(
      (await get(customer, `/api/v1/public/kb/articles/kak-dobavit-kollegu?org=${dealerId}`)).statusCode,
    ).toBe(404);
  });

  it('gives supplier articles to members acting in a supplier company only', async () => {
    await publishedArticle('dlya-postavschikov', ['supplier']);
    expect(
      (await get(owner, `/api/v1/public/kb/articles/dlya-postavschikov?org=${dealerId}`)).statusCode,
    ).toBe(404);
    expect(
      (await get(supplier, `/api/v1/public/kb/articles/dlya-postavschikov?org=${supplierId}`)).statusCode,
    ).toBe(200);
  });

  it('shows staff every audience but never a draft or an archived article, in lists, search or suggestions', async () => {
    const staffList = slugsOf(await get(support, '/api/v1/public/kb/articles?limit=100'));
    expect(staffList).toContain('vnutrennee-otvety-po-vozvratam');
    const draft = await k.as(k.operator)('POST', '/api/v1/admin/kb/articles', {
      slug: 'chernovik-dostavka',
      title: 'Черновик о доставке грузов',
      body: 'Секретная доставка',
      audiences: ['public'],
    });
    expect(draft.statusCode).toBe(201);
    for (const who of [undefined, customer, support, k.operator]) {
      expect(await search('доставка', who)).not.toContain('chernovik-dostavka');
      expect((await get(who, '/api/v1/public/kb/articles/chernovik-dostavka')).statusCode).toBe(404);
      const suggested = await get(
        who,
        `/api/v1/public/kb/suggest?q=${encodeURIComponent('секретная доставка грузов')}`,
      );
      expect(slugsOf(suggested)).not.toContain('chernovik-dostavka');
    }
    const id = await publishedArticle('arhiv-dostavka', ['public'], 'Архивная доставка');
    expect(await search('архивная')).toContain('arhiv-dostavka');
    await k.as(k.operator)('POST', `/api/v1/admin/kb/articles/${id}/archive`, {});
    expect(await search('архивная')).not.toContain('arhiv-dostavka');
    expect((await get(undefined, '/api/v1/public/kb/articles/arhiv-dostavka')).statusCode).toBe(404);
  });

  it('counts categories by what the reader may see', async () => {
    const count = async (cookie?: string) =>
      (await get(cookie, '/api/v1/public/kb/categories'))
        .json()
        .items.find((c: { slug: string }) => c.slug === 'account-company').articleCount;
    expect(await count()).toBe(1);
    expect(await count(customer)).toBe(1);
    expect(
      (await get(owner, `/api/v1/public/kb/categories?org=${dealerId}`)).json().items[2].articleCount,
    ).toBe(2);
  });
});

describe('was this helpful', () => {
  it('counts one vote per person and lets them change it', async () => {
    const vote = (cookie: string | undefined, helpful: unknown, headers: Record<string, string> = {}) =>
      k.t.app.inject({
        method: 'POST',
        url: '/api/v1/public/kb/articles/vozvrat-tovara/feedback',
        payload: { helpful },
        headers: { origin, ...(cookie ? { cookie } : {}), ...headers },
      });
    const first = await vote(customer, true);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ helpfulYes: 1, helpfulNo: 0, myVote: true });
    expect((await vote(customer, true)).json()).toEqual({ helpfulYes: 1, helpfulNo: 0, myVote: true });
    expect((await vote(customer, false)).json()).toEqual({ helpfulYes: 0, helpfulNo: 1, myVote: false });
    const article = await get(customer, '/api/v1/public/kb/articles/vozvrat-tovara');
    expect(article.json()).toMatchObject({ helpfulYes: 0, helpfulNo: 1, myVote: false });

    // A guest gets a browser key with the first vote; the same key changes that vote.
    const guest = await vote(undefined, true);
    expect(guest.json()).toEqual({ helpfulYes: 1, helpfulNo: 1, myVote: true });
    const key = guest.cookies.find((c) => c.name === 'kabinet_kb_voter');
    expect(key?.httpOnly).toBe(true);
    const again = await vote(`kabinet_kb_voter=${key?.value}`, false);
    expect(again.json()).toEqual({ helpfulYes: 0, helpfulNo: 2, myVote: false });
    const votes = await k.t.db.select().from(kbFeedback);
    expect(votes.filter((v) => v.voter.startsWith('anon:'))).toHaveLength(1);

    expect((await vote(customer, 'yes')).statusCode).toBe(400);
    expect((await vote(undefined, true, {})).statusCode).toBe(200);
  });

  it('refuses votes on articles the reader may not see', async () => {
    const res = await k.as(undefined)('POST', '/api/v1/public/kb/articles/kak-otsledit-zakaz/feedback', {
      helpful: true,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('suggestions while a request is typed', () => {
  it('suggests the returns article for a long request in other word forms, and nothing for short input', async () => {
    const typed = 'Здравствуйте! Хочу вернуть товар с браком, как оформить возврат?';
    const res = await get(customer, `/api/v1/public/kb/suggest?q=${encodeURIComponent(typed)}`);
    expect(res.statusCode).toBe(200);
    expect(slugsOf(res)[0]).toBe('vozvrat-tovara');
    expect(slugsOf(res).length).toBeLessThanOrEqual(5);
    expect(slugsOf(await get(customer, '/api/v1/public/kb/suggest?q=%D0%B0%D0%BA'))).toEqual([]);
    expect(
      slugsOf(await get(customer, `/api/v1/public/kb/suggest?q=${encodeURIComponent('!!! ??? ---')}`)),
    ).toEqual([]);
    expect((await get(customer, '/api/v1/public/kb/suggest?limit=50&q=abcd')).statusCode).toBe(400);
  });
});

describe('the editor', () => {
  it('needs a signed-in staff member with kb.manage', async () => {
    expect((await get(undefined, '/api/v1/admin/kb/articles')).statusCode).toBe(401);
    expect((await get(customer, '/api/v1/admin/kb/articles')).statusCode).toBe(403);
    expect(
      (await k.as(owner)('POST', '/api/v1/admin/kb/categories', { slug: 'x', nameRu: 'x', nameEn: 'x' }))
        .statusCode,
    ).toBe(403);
    expect((await get(support, '/api/v1/admin/kb/articles')).statusCode).toBe(200);
  });

  it('creates, saves, publishes for audiences and audits each change', async () => {
    const op = k.as(k.operator);
    const cats = (await get(k.operator, '/api/v1/admin/kb/categories')).json().items;
    const created = await op('POST', '/api/v1/admin/kb/articles', {
      slug: 'novaya-statya',
      title: 'Новая статья',
      categoryId: cats[0].id,
      body: '## Раздел\n\nТекст с <script>alert(1)</script> и [ссылкой](javascript:alert(1)).',
      audiences: ['customer'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const article = created.json() as AdminArticle;
    expect(article.status).toBe('draft');
    expect(article.bodyHtml).toContain('<h3>Раздел</h3>');
    expect(article.bodyHtml).not.toContain('<script');
    expect(article.bodyHtml).not.toContain('href="javascript');
    const taken = await op('POST', '/api/v1/admin/kb/articles', { slug: 'novaya-statya', title: 'Ещё' });
    expect(taken.statusCode).toBe(409);

    const saved = await op('PUT', `/api/v1/admin/kb/articles/${article.id}`, {
      slug: 'novaya-statya',
      title: 'Новая статья о сверке',
      body: 'Обновлённый текст',
      audiences: ['customer'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await op('POST', `/api/v1/admin/kb/articles/${article.id}/publish`, {
      audiences: ['public', 'customer'],
    });
    expect(published.json()).toMatchObject({ status: 'published', audiences: ['public', 'customer'] });
    expect((await get(undefined, '/api/v1/public/kb/articles/novaya-statya')).json().title).toBe(
      'Новая статья о сверке',
    );
    const back = await op('POST', `/api/v1/admin/kb/articles/${article.id}/unpublish`);
    expect(back.json().status).toBe('draft');
    expect((await get(undefined, '/api/v1/public/kb/articles/novaya-statya')).statusCode).toBe(404);

    const drafts = (await get(k.operator, '/api/v1/admin/kb/articles?status=draft&audience=public')).json()
      .items;
    expect(drafts.map((a: AdminArticle) => a.slug)).toContain('novaya-statya');

    const audited = await k.t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subject, article.id)));
    expect(audited.map((a) => a.action).sort()).toEqual(
      ['kb.article.created', 'kb.article.published', 'kb.article.unpublished', 'kb.article.updated'].sort(),
    );
  });

  it('answers 400 for bad input and 404 for unknown ids', async () => {
    const op = k.as(k.operator);
    const bad = await op('POST', '/api/v1/admin/kb/articles', {
      slug: 'Плохой slug',
      title: '',
      audiences: ['all'],
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.slug', 'body.title', 'body.audiences.0']));
    expect(
      (await op('POST', '/api/v1/admin/kb/articles', { slug: 'a', title: 'b', audiences: [] })).statusCode,
    ).toBe(400);
    const noCategory = await op('POST', '/api/v1/admin/kb/articles', {
      slug: 'bez-kategorii',
      title: 'T',
      categoryId: '00000000-0000-7000-8000-000000000000',
    });
    expect(noCategory.statusCode).toBe(400);
    expect((await get(k.operator, '/api/v1/admin/kb/articles/nope')).statusCode).toBe(404);
    expect(
      (await get(k.operator, '/api/v1/admin/kb/articles/00000000-0000-7000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect((await op('POST', '/api/v1/admin/kb/articles/nope/publish', {})).statusCode).toBe(404);
    expect((await get(undefined, `/api/v1/public/kb/articles/${'x'.repeat(200)}`)).statusCode).toBe(400);
    expect((await get(undefined, '/api/v1/public/kb/articles?org=not-a-uuid')).statusCode).toBe(400);
  });

  it('manages categories and refuses to delete one that holds articles', async () => {
    const op = k.as(k.operator);
    const made = await op('POST', '/api/v1/admin/kb/categories', {
      slug: 'bonusy',
      nameRu: 'Бонусы',
      nameEn: 'Bonuses',
      sort: 40,
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    expect(
      (await op('POST', '/api/v1/admin/kb/categories', { slug: 'bonusy', nameRu: 'Б', nameEn: 'B' }))
        .statusCode,
    ).toBe(409);
    const renamed = await op('PUT', `/api/v1/admin/kb/categories/${id}`, {
      slug: 'bonusy',
      nameRu: 'Бонусы и акции',
      nameEn: 'Bonuses',
      sort: 5,
    });
    expect(renamed.json().nameRu).toBe('Бонусы и акции');
    const full = (await get(k.operator, '/api/v1/admin/kb/categories'))
      .json()
      .items.find((c: { slug: string }) => c.slug === 'orders-delivery');
    expect((await op('DELETE', `/api/v1/admin/kb/categories/${full.id}`)).statusCode).toBe(409);
    expect((await op('DELETE', `/api/v1/admin/kb/categories/${id}`)).statusCode).toBe(204);
    expect((await op('DELETE', `/api/v1/admin/kb/categories/${id}`)).statusCode).toBe(404);
  });

  it('turns an operator’s answer into an internal draft that keeps its ticket', async () => {
    const ticketId = '019a0000-0000-7000-8000-000000000001';
    const res = await k.as(support)('POST', '/api/v1/admin/kb/articles/from-answer', {
      title: 'Как сменить адрес доставки',
      body: 'Добрый день!\nАдрес можно сменить до отгрузки.\n\nНапишите нам номер заказа.',
      sourceTicketId: ticketId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json() as AdminArticle;
    expect(draft).toMatchObject({
      status: 'draft',
      audiences: ['staff'],
      sourceTicketId: ticketId,
      slug: 'kak-smenit-adres-dostavki',
    });
    expect(draft.bodyHtml).toBe(
      '<p>Добрый день!<br />Адрес можно сменить до отгрузки.</p>\n<p>Напишите нам номер заказа.</p>',
    );
    const second = await k.as(support)('POST', '/api/v1/admin/kb/articles/from-answer', {
      title: 'Как сменить адрес доставки',
      body: 'Другой ответ',
    });
    expect(second.json().slug).toBe('kak-smenit-adres-dostavki-2');
    expect(
      (await k.as(support)('POST', '/api/v1/admin/kb/articles/from-answer', { title: 'x', body: ' ' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await k.as(customer)('POST', '/api/v1/admin/kb/articles/from-answer', { title: 'x', body: 'y' }))
        .statusCode,
    ).toBe(403);
  });

  it('previews Markdown as the cabinet will show it', async () => {
    const res = await k.as(k.operator)('POST', '/api/v1/admin/kb/preview', { body: '- **раз**\n- два' });
    expect(res.json().bodyHtml).toBe('<ul>\n<li><strong>раз</strong></li>\n<li>два</li>\n</ul>');
  });
});

describe('markdown', () => {
  it('escapes HTML typed into the text', () => {
    expect(markdownToHtml('a < b & <img src=x onerror=alert(1)>')).toBe(
      '<p>a &lt; b &amp; &lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });
});
