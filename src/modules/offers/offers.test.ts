import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
} from '../companies/companies.testkit.js';
import { setTier } from '../loyalty/index.js';
import { boughtTogetherIds, buyAgainIds, recomputeRecommendations } from './reco.service.js';
import { segmentMatches, segmentsOf, type Viewer } from './segments.service.js';

type Facts = { createdAt: Date | null; hasOrders: boolean; tierCode: string | null };

let k: CompaniesTestApp;
let customer: string;
let buyer: string;
let admin: string;
let customerId: string;
let buyerId: string;
let dealerId: string;

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function personId(email: string): Promise<string> {
  const rows = (await k.t.db.execute(sql`select id from users where email = ${email}`)) as unknown as {
    rows: { id: string }[];
  };
  return rows.rows[0]?.id as string;
}

async function segment(rules: object, personIds: string[] = []) {
  const res = await k.as(admin)('POST', '/api/v1/admin/offers/segments', {
    name: `S ${uuidv7()}`,
    rules,
    personIds,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function promotion(segmentIds: string[], extra: object = {}) {
  const res = await k.as(admin)('POST', '/api/v1/admin/offers/promotions', {
    titleRu: `Акция ${uuidv7()}`,
    placement: 'both',
    startsAt: iso(Date.now() - day),
    endsAt: iso(Date.now() + day),
    segmentIds,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const promotionIds = async (cookie: string, url = '/api/v1/me/offers?placement=home') => {
  const res = await k.as(cookie)('GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().promotions as { id: string }[]).map((p) => p.id);
};

beforeAll(async () => {
  k = await companiesTestApp();
  customer = await k.cookieOf(demoPeople.customer.email);
  buyer = await k.cookieOf(demoPeople.buyer.email);
  admin = await k.cookieOf(demoPeople.admin.email);
  customerId = await personId(demoPeople.customer.email);
  buyerId = await personId(demoPeople.buyer.email);
  dealerId = await k.companyIdOf(buyer, demoCompanies.dealer.name);
}, 60_000);

afterAll(async () => {
  await k?.t.close();
});

describe('segment membership', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const viewer: Viewer = { personId: 'p1', companyId: null };
  const member: Viewer = { personId: 'p1', companyId: 'c1' };
  const fresh: Facts = { createdAt: new Date('2026-05-25T00:00:00Z'), hasOrders: true, tierCode: 'gold' };
  const old: Facts = { createdAt: new Date('2025-01-01T00:00:00Z'), hasOrders: true, tierCode: null };
  const company = { kinds: ['client', 'partner'], customerGroupId: 'g1' };
  const match = (
    rules: object,
    v = viewer,
    person = fresh,
    c: typeof company | null = null,
    personIds: string[] = [],
  ) => segmentMatches({ rules: rules as never, personIds }, v, person, c, now);

  it('applies each rule', () => {
    expect(match({ audience: 'retail' })).toBe(true);
    expect(match({ audience: 'retail' }, member, fresh, company)).toBe(false);
    expect(match({ audience: 'company' })).toBe(false);
    expect(match({ audience: 'company' }, member, fresh, company)).toBe(true);
    expect(match({ audience: 'any', newWithinDays: 30 })).toBe(true);
    expect(match({ audience: 'any', newWithinDays: 30 }, viewer, old)).toBe(false);
    expect(match({ audience: 'any', newWithinDays: 30 }, viewer, { ...old, hasOrders: false })).toBe(true);
    expect(match({ audience: 'any', tierCodes: ['gold'] })).toBe(true);
    expect(match({ audience: 'any', tierCodes: ['gold'] }, viewer, old)).toBe(false);
    expect(match({ audience: 'any', customerGroupIds: ['g1'] }, member, fresh, company)).toBe(true);
    expect(match({ audience: 'any', customerGroupIds: ['g2'] }, member, fresh, company)).toBe(false);
    expect(match({ audience: 'any', customerGroupIds: ['g1'] })).toBe(false);
    expect(match({ audience: 'company', companyKinds: ['partner'] }, member, fresh, company)).toBe(true);
    expect(match({ audience: 'company', companyKinds: ['supplier'] }, member, fresh, company)).toBe(false);
  });

  it('takes in the explicit list whatever the rules say', () => {
    expect(match({ audience: 'company', tierCodes: ['platinum'] }, viewer, old, null, ['p1'])).toBe(true);
  });

  it('finds the demo people’s segments through the database and counts members for the preview', async () => {
    const retail = await segment({ audience: 'retail' });
    const partners = await segment({ audience: 'company', companyKinds: ['partner'] });
    const suppliers = await segment({ audience: 'company', companyKinds: ['supplier'] });
    const gold = await segment({ audience: 'any', tierCodes: ['gold'] });
    const listed = await segment({ audience: 'company', companyKinds: ['supplier'] }, [customerId]);

    const mine = await segmentsOf(k.t.db, { personId: customerId, companyId: null });
    expect(mine).toContain(retail);
    expect(mine).toContain(listed);
    expect(mine).not.toContain(partners);
    expect(mine).not.toContain(gold);
    const asMember = await segmentsOf(k.t.db, { personId: buyerId, companyId: dealerId });
    expect(asMember).toContain(partners);
    expect(asMember).not.toContain(suppliers);
    expect(asMember).not.toContain(retail);

    await setTier(k.t.db, customerId, 'gold', new Date());
    expect(await segmentsOf(k.t.db, { personId: customerId, companyId: null })).toContain(gold);

    const preview = async (id: string) => {
      const res = await k.as(admin)('GET', `/api/v1/admin/offers/segments/${id}/preview`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().count as number;
    };
    expect(await preview(gold)).toBe(1);
    expect(await preview(partners)).toBeGreaterThanOrEqual(2);
    expect(await preview(listed)).toBe((await preview(suppliers)) + 1);
    const unsaved = await k.as(admin)('POST', '/api/v1/admin/offers/segments/preview', {
      rules: { audience: 'any', tierCodes: ['gold'] },
      personIds: [buyerId],
    });
    expect(unsaved.json().count).toBe(2);
    await setTier(k.t.db, customerId, null, new Date());
  });
});

describe('promotions and offers', () => {
  it('shows a promotion only to its segment, within its period and at its placement', async () => {
    const gold = await segment({ audience: 'any', tierCodes: ['gold'] });
    const retail = await segment({ audience: 'retail' });
    const forGold = await promotion([gold]);
    const later = await promotion([retail], {
      startsAt: iso(Date.now() + day),
      endsAt: iso(Date.now() + 2 * day),
    });
    const over = await promotion([retail], {
      startsAt: iso(Date.now() - 2 * day),
      endsAt: iso(Date.now() - day),
    });
    const catalogOnly = await promotion([retail], { placement: 'catalog', priority: 50 });
    const paused = await promotion([retail], { active: false });

    const home = await promotionIds(customer);
    for (const id of [forGold, later, over, catalogOnly, paused]) expect(home).not.toContain(id);
    const catalog = await promotionIds(customer, '/api/v1/me/offers?placement=catalog');
    expect(catalog[0]).toBe(catalogOnly);
    expect(await promotionIds(buyer, `/api/v1/orgs/${dealerId}/offers?placement=catalog`)).not.toContain(
      catalogOnly,
    );

    await setTier(k.t.db, customerId, 'gold', new Date());
    expect(await promotionIds(customer)).toContain(forGold);
    await setTier(k.t.db, customerId, null, new Date());
  });

  it('shows the demo promotion and offer to the demo customer', async () => {
    const res = await k.as(customer)('GET', '/api/v1/me/offers');
    const body = res.json();
    expect(body.promotions.map((p: { title: { ru: string } }) => p.title.ru)).toContain(
      'Неделя фильтров: −15% на картриджи',
    );
    expect(body.offers.map((o: { promoCode: string }) => o.promoCode)).toContain('WELCOME');
    expect(body.buyAgain).toEqual([]);
  });

  it('lets a person dismiss an offer for good, and only their own', async () => {
    const retail = await segment({ audience: 'retail' });
    const partners = await segment({ audience: 'company', companyKinds: ['partner'] });
    const create = async (segmentIds: string[]) => {
      const res = await k.as(admin)('POST', '/api/v1/admin/offers/personal', {
        titleRu: 'Скидка 5%',
        promoCode: 'FIVE',
        validUntil: iso(Date.now() + day),
        segmentIds,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const mine = await create([retail]);
    const theirs = await create([partners]);
    const offerIds = async () =>
      ((await k.as(customer)('GET', '/api/v1/me/offers')).json().offers as { id: string }[]).map((o) => o.id);
    expect(await offerIds()).toContain(mine);
    expect(await offerIds()).not.toContain(theirs);
    expect((await k.as(customer)('POST', `/api/v1/me/offers/${mine}/dismiss`)).statusCode).toBe(204);
    expect(await offerIds()).not.toContain(mine);
    expect((await k.as(customer)('POST', `/api/v1/me/offers/${mine}/dismiss`)).statusCode).toBe(204);
    expect((await k.as(customer)('POST', `/api/v1/me/offers/${theirs}/dismiss`)).statusCode).toBe(404);
    expect((await k.as(customer)('POST', `/api/v1/me/offers/${uuidv7()}/dismiss`)).statusCode).toBe(404);
    expect((await k.as(customer)('POST', '/api/v1/me/offers/nope/dismiss')).statusCode).toBe(400);
    const listed = (await k.as(admin)('GET', '/api/v1/admin/offers/personal')).json().items;
    expect(listed.find((o: { id: string }) => o.id === mine).dismissals).toBe(1);
  });
});

describe('recommendations', () => {
  it('computes «buy again» and «bought together» from orders, set-wise', async () => {
    const db = k.t.db;
    const products = (
      (await db.execute(sql`select p.id, v.id as variant_id from products p
        join product_variants v on v.product_id = p.id and v.is_default
        where p.status = 'active' order by p.sku limit 5`)) as unknown as {
        rows: { id: string; variant_id: string }[];
      }
    ).rows;
    const [a, b, c, d, e] = products as { id: string; variant_id: string }[];
    if (!a || !b || !c || !d || !e) throw new Error('the demo catalog has too few products');
    const now = new Date();
    let n = 0;
    const order = async (person: string, lines: (typeof a)[], daysAgo: number, status = 'new') => {
      const id = uuidv7();
      n += 1;
      await db.execute(sql`insert into orders (id, number, person_id, placed_by_name, status, payment_method,
        items_total, total, line_count, delivery, idempotency_key, created_at)
        values (${id}, ${`T-RECO-${n}`}, ${person}, 'Test', ${status}, 'card_online', 100, 100, ${lines.length},
        ${JSON.stringify({ kind: 'pickup' })}::jsonb, ${`reco-${n}`}, ${iso(now.getTime() - daysAgo * day)})`);
      let position = 0;
      for (const line of lines) {
        position += 1;
        await db.execute(sql`insert into order_lines (id, order_id, position, variant_id, product_id, sku, name,
          quantity, list_price, unit_price, line_total)
          values (${uuidv7()}, ${id}, ${position}, ${line.variant_id}, ${line.id}, 'X', 'X', 1, 100, 100, 100)`);
      }
    };
    // A with B three times, A with C twice, A with D once (below the minimum support), a cancelled A+E.
    await order(customerId, [a, b], 200);
    await order(customerId, [a, b, c], 30);
    await order(customerId, [a], 60);
    await order(buyerId, [a, b], 10);
    await order(buyerId, [a, c], 5);
    await order(buyerId, [a, d], 5);
    await order(buyerId, [a, e], 5, 'cancelled');
    await order(buyerId, [a, e], 5, 'cancelled');
    await order(customerId, [e], 400);

    const result = await recomputeRecommendations(db, now);
    expect(result.boughtTogetherRows).toBeGreaterThan(0);
    expect(await boughtTogetherIds(db, a.id)).toEqual([b.id, c.id]);
    expect(await boughtTogetherIds(db, b.id)).toEqual([a.id]);
    expect(await boughtTogetherIds(db, d.id)).toEqual([]);
    // The customer: A three times, B twice, C once but recently; E only outside the history window.
    expect(await buyAgainIds(db, customerId)).toEqual([a.id, b.id, c.id]);

    await db.execute(sql`update products set status = 'archived' where id = ${b.id}`);
    await recomputeRecommendations(db, now);
    expect(await boughtTogetherIds(db, a.id)).toEqual([c.id]);
    expect(await buyAgainIds(db, customerId)).toEqual([a.id, c.id]);
    await db.execute(sql`update products set status = 'active' where id = ${b.id}`);

    // Through the API: the back office queues a run, the job writes, the reads are product cards.
    const queued = await k.as(admin)('POST', '/api/v1/admin/offers/recommendations/recompute');
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json().queued).toBe(true);
    await k.t.drainJobs();
    const status = (await k.as(admin)('GET', '/api/v1/admin/offers/recommendations')).json();
    expect(status.queued).toBe(false);
    expect(status.lastRun.boughtTogetherRows).toBeGreaterThan(0);
    const together = await k.as(customer)('GET', `/api/v1/me/products/${a.id}/bought-together`);
    expect(together.statusCode, together.body).toBe(200);
    expect(together.json().items.map((p: { id: string }) => p.id)).toEqual([b.id, c.id]);
    const home = (await k.as(customer)('GET', '/api/v1/me/offers')).json();
    expect(home.buyAgain.map((p: { id: string }) => p.id)).toEqual([a.id, b.id, c.id]);
    const org = await k.as(buyer)('GET', `/api/v1/orgs/${dealerId}/products/${a.id}/bought-together`);
    expect(org.statusCode, org.body).toBe(200);
    expect((await k.as(customer)('GET', `/api/v1/me/products/${uuidv7()}/bought-together`)).statusCode).toBe(
      404,
    );
  });
});

describe('access and validation', () => {
  it('keeps the back office to loyalty.manage and other companies out', async () => {
    expect((await k.as(undefined)('GET', '/api/v1/me/offers')).statusCode).toBe(401);
    expect((await k.as(customer)('GET', '/api/v1/admin/offers/segments')).statusCode).toBe(403);
    expect((await k.as(buyer)('POST', '/api/v1/admin/offers/recommendations/recompute')).statusCode).toBe(
      403,
    );
    expect((await k.as(customer)('GET', `/api/v1/orgs/${dealerId}/offers`)).statusCode).toBe(404);
    expect((await k.as(buyer)('GET', `/api/v1/orgs/${uuidv7()}/offers`)).statusCode).toBe(404);
    expect((await k.as(customer)('GET', '/api/v1/me/offers?placement=nowhere')).statusCode).toBe(400);
  });

  it('validates back-office input', async () => {
    const bad = await k.as(admin)('POST', '/api/v1/admin/offers/segments', {
      name: '',
      rules: { audience: 'all' },
    });
    expect(bad.statusCode).toBe(400);
    const seg = await segment({ audience: 'retail' });
    const backwards = await k.as(admin)('POST', '/api/v1/admin/offers/promotions', {
      titleRu: 'x',
      placement: 'home',
      startsAt: iso(Date.now()),
      endsAt: iso(Date.now() - day),
      segmentIds: [seg],
    });
    expect(backwards.statusCode).toBe(400);
    const unknown = await k.as(admin)('POST', '/api/v1/admin/offers/personal', {
      titleRu: 'x',
      validUntil: iso(Date.now() + day),
      segmentIds: [uuidv7()],
    });
    expect(unknown.statusCode).toBe(400);
    expect((await k.as(admin)('GET', `/api/v1/admin/offers/segments/${uuidv7()}/preview`)).statusCode).toBe(
      404,
    );
    expect(
      (
        await k.as(admin)('PUT', `/api/v1/admin/offers/promotions/${uuidv7()}`, {
          titleRu: 'x',
          placement: 'home',
          startsAt: iso(Date.now()),
          endsAt: iso(Date.now() + day),
          segmentIds: [seg],
        })
      ).statusCode,
    ).toBe(404);
    await promotion([seg]);
    expect((await k.as(admin)('DELETE', `/api/v1/admin/offers/segments/${seg}`)).statusCode).toBe(409);
    const spare = await segment({ audience: 'retail' });
    expect((await k.as(admin)('DELETE', `/api/v1/admin/offers/segments/${spare}`)).statusCode).toBe(204);
  });
});
