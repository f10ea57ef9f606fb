import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { agreements, agreementVersions } from '../agreements/agreements.tables.js';
import { catalogFixtures } from '../catalog/browse/browse.testkit.js';
import { financeSystemActor, recordCompanyPayment } from '../finance/index.js';
import { offerSegments, personalOffers } from '../offers/offers.tables.js';
import { createTestOrder, stockedProducts } from '../orders/aftercare.testkit.js';
import { claims, orderAttachments } from '../orders/orders.tables.js';
import { ticketAttachments, ticketMessages, tickets } from '../support/support.tables.js';
import { companies, customerGroups } from './companies.tables.js';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
  origin,
} from './companies.testkit.js';

let k: CompaniesTestApp;
/** Company A (the dealer) and its owner, who holds every permission there. */
let a: { id: string; cookie: string };
/** Company B (the supplier) and the ids of its resources. */
let b: {
  id: string;
  cookie: string;
  accountId: string;
  roleId: string;
  invitationId: string;
  userId: string;
  /** A catalog product only B's customer group may see. */
  productId: string;
  addressId: string;
  /** A cart of B's owner holding the product only B sees. */
  cartId: string;
  variantId: string;
  /** An order B placed, and one of B's approval rules. */
  orderId: string;
  ruleId: string;
  /** A delivered order of B, a claim on it and the claim's attachment (orders aftercare routes). */
  deliveredOrderId: string;
  orderNumber: string;
  claimId: string;
  attachmentId: string;
  /** An invoice B requested for its order (documents routes). */
  documentId: string;
  /** A contract of B in review and its version (agreements routes). */
  agreementId: string;
  versionId: string;
  /** A reconciliation act B asked for (finance routes). */
  reconciliationId: string;
  /** A support request of B and the file of its first message (support routes). */
  ticketId: string;
  ticketFileId: string;
  /** A personal offer for a segment that only B's member is in (offers routes). */
  offerId: string;
};

const validBodies: Record<string, object> = {
  'PATCH /api/v1/orgs/:orgId': { name: 'Взлом' },
  'PATCH /api/v1/orgs/:orgId/bank-accounts/:accountId': { bankName: 'Взлом' },
  'PATCH /api/v1/orgs/:orgId/members/:userId': { role: 'viewer' },
  'PATCH /api/v1/orgs/:orgId/roles/:roleId': { name: 'Взлом' },
  'POST /api/v1/orgs/:orgId/bank-accounts': {
    bankName: 'Взлом',
    bik: '044525225',
    settlementAccount: '40702810200000012345',
  },
  'POST /api/v1/orgs/:orgId/invitations': { email: 'stranger@example.ru', role: 'viewer' },
  'POST /api/v1/orgs/:orgId/roles': { name: 'Взлом', permissions: ['orders.read'] },
  'POST /api/v1/orgs/:orgId/addresses': {
    label: 'Склад B',
    recipientName: 'Кладовщик B',
    phone: '+7 831 000-00-00',
    postalCode: '603000',
    region: 'Нижегородская область',
    city: 'Нижний Новгород',
    line: 'ул. Тайная, 1',
    consignee: { name: 'ООО «ФильтрПром»', inn: '5262087657', kpp: '526201001' },
  },
  'PATCH /api/v1/orgs/:orgId/addresses/:addressId': { label: 'Взлом' },
  'POST /api/v1/orgs/:orgId/carts': { name: 'Взлом' },
  'PATCH /api/v1/orgs/:orgId/carts/:cartId': { name: 'Взлом', shared: true },
  'POST /api/v1/orgs/:orgId/carts/:cartId/lines': {
    lines: [{ variantId: '01900000-0000-7000-8000-000000000000', quantity: 1 }],
  },
  'PATCH /api/v1/orgs/:orgId/carts/:cartId/lines/:variantId': { quantity: 5 },
  'POST /api/v1/orgs/:orgId/carts/:cartId/quick-order': { text: 'SECRET-B-SKU 1' },
  'POST /api/v1/orgs/:orgId/checkout/options': {
    lines: [{ variantId: '01900000-0000-7000-8000-000000000000', quantity: 1 }],
  },
  'POST /api/v1/orgs/:orgId/orders/:id/reject': { comment: 'Взлом' },
  'POST /api/v1/orgs/:orgId/orders/:id/approve': { comment: 'Взлом' },
  'POST /api/v1/orgs/:orgId/orders/:id/cancel': { reason: 'Взлом' },
  'POST /api/v1/orgs/:orgId/orders/:id/repeat': {},
  'POST /api/v1/orgs/:orgId/finance/reconciliations': { quarter: '2025-Q4' },
  'POST /api/v1/orgs/:orgId/finance/reconciliations/:id/disputes': {
    lines: [{ lineId: 1, comment: 'Взлом' }],
  },
  'POST /api/v1/orgs/:orgId/approval-rules': { name: 'Взлом' },
  'PATCH /api/v1/orgs/:orgId/approval-rules/:ruleId': { name: 'Взлом' },
  'PUT /api/v1/orgs/:orgId/approval-settings': { holdHours: 1 },
  'POST /api/v1/orgs/:orgId/catalog/price-quote': {
    lines: [{ variantId: '01900000-0000-7000-8000-000000000000', quantity: 1 }],
  },
  'POST /api/v1/orgs/:orgId/documents/invoices': { amount: 100, purpose: 'Взлом' },
  'POST /api/v1/orgs/:orgId/documents/order-confirmations': {
    orderId: '0190e2a4-0000-7000-8000-000000000001',
  },
  'POST /api/v1/orgs/:orgId/agreements/:agreementId/versions/:versionId/comments': { text: 'Взлом' },
  'POST /api/v1/orgs/:orgId/agreements/:agreementId/versions/:versionId/approve': { code: '123456' },
  'POST /api/v1/orgs/:orgId/agreements/:agreementId/versions/:versionId/reject': { comment: 'Взлом' },
  'POST /api/v1/orgs/:orgId/support/tickets/:id/rating': { rating: 5 },
  'POST /api/v1/orgs/:orgId/delivery/quote': {
    address: { postalCode: '101000' },
    items: [{ weightKg: 1, quantity: 1 }],
  },
};

/** The answer without `instance`, which only echoes the requested path (with the ids we sent). */
const dataOf = (body: string) => {
  try {
    const { instance: _echo, ...rest } = JSON.parse(body) as Record<string, unknown>;
    return JSON.stringify(rest);
  } catch {
    return body;
  }
};

const secretsOfB = () => [
  demoCompanies.supplier.inn,
  b.accountId,
  b.roleId,
  b.invitationId,
  b.userId,
  b.productId,
  'SECRET-B-SKU',
  b.addressId,
  'ул. Тайная',
  b.cartId,
  'Тайный список',
  b.orderId,
  b.ruleId,
  'Правило B',
  b.deliveredOrderId,
  b.orderNumber,
  b.claimId,
  'SECRET-B-CLAIM',
  b.documentId,
  b.agreementId,
  b.versionId,
  'SECRET-B-CONTRACT',
  'SECRET-B-PAY',
  b.reconciliationId,
  b.ticketId,
  'SECRET-B-TICKET',
];

/** A delivered order of B with a claim and its attachment row, inserted directly. */
async function orderOfB(companyId: string, personId: string) {
  const db = k.t.db;
  const [product] = await stockedProducts(db, 1);
  if (!product) throw new Error('no product');
  const order = await createTestOrder(db, {
    personId,
    companyId,
    status: 'delivered',
    lines: [{ product, quantity: 1 }],
  });
  const claimId = uuidv7();
  await db.insert(claims).values({
    id: claimId,
    number: `${order.number}-C1`,
    orderId: order.id,
    companyId,
    personId,
    kind: 'defect',
    description: 'SECRET-B-CLAIM',
  });
  const attachmentId = uuidv7();
  await db.insert(orderAttachments).values({
    id: attachmentId,
    ownerType: 'claim',
    ownerId: claimId,
    storageKey: `order-attachments/${attachmentId}.pdf`,
    fileName: 'secret.pdf',
    contentType: 'application/pdf',
    size: 1,
    uploadedBy: personId,
  });
  return { deliveredOrderId: order.id, orderNumber: order.number, claimId, attachmentId };
}

/** A contract of B in review with its first version, inserted directly. */
async function agreementOfB(companyId: string, personId: string) {
  const agreementId = uuidv7();
  const versionId = uuidv7();
  await k.t.db.insert(agreements).values({
    id: agreementId,
    companyId,
    kind: 'contract',
    title: 'SECRET-B-CONTRACT',
    createdSide: 'company',
    createdBy: personId,
    createdByName: 'B',
  });
  await k.t.db.insert(agreementVersions).values({
    id: versionId,
    agreementId,
    number: 1,
    storageKey: `agreements/${agreementId}/${versionId}.pdf`,
    fileName: 'secret.pdf',
    contentType: 'application/pdf',
    size: 1,
    sha256: '0'.repeat(64),
    side: 'company',
    uploadedBy: personId,
    uploadedByName: 'B',
  });
  return { agreementId, versionId };
}

/** A support request of B with a file on its first message, inserted directly. */
async function ticketOfB(companyId: string, personId: string) {
  const ticketId = uuidv7();
  const messageId = uuidv7();
  const ticketFileId = uuidv7();
  await k.t.db.insert(tickets).values({
    id: ticketId,
    number: 'S-2026-999001',
    subject: 'SECRET-B-TICKET',
    audience: 'company',
    requesterId: personId,
    requesterName: 'B',
    companyId,
  });
  await k.t.db.insert(ticketMessages).values({
    id: messageId,
    ticketId,
    kind: 'reply',
    side: 'requester',
    authorId: personId,
    authorName: 'B',
    body: 'SECRET-B-TICKET',
  });
  await k.t.db.insert(ticketAttachments).values({
    id: ticketFileId,
    ticketId,
    messageId,
    storageKey: `support/${ticketId}/${ticketFileId}.pdf`,
    fileName: 'secret.pdf',
    contentType: 'application/pdf',
    size: 1,
  });
  return { ticketId, ticketFileId };
}

/** A personal offer shown only to B's member (a segment listing them), inserted directly. */
async function offerOnlyForB(personId: string) {
  const segmentId = uuidv7();
  const offerId = uuidv7();
  await k.t.db.insert(offerSegments).values({
    id: segmentId,
    name: 'Только B',
    // Rules no company meets: only the listed person belongs.
    rules: { audience: 'company', customerGroupIds: [uuidv7()] },
    personIds: [personId],
  });
  await k.t.db.insert(personalOffers).values({
    id: offerId,
    titleRu: 'SECRET-B-OFFER',
    validUntil: new Date(Date.now() + 86_400_000),
    segmentIds: [segmentId],
  });
  return offerId;
}

/** A customer group of B's own and a product only that group sees (the catalog's org routes). */
async function productOnlyBSees(companyId: string): Promise<{ id: string; variantId: string }> {
  const db = k.t.db;
  const groupId = uuidv7();
  await db.insert(customerGroups).values({ id: groupId, name: 'Только поставщик' });
  await db.update(companies).set({ customerGroupId: groupId }).where(eq(companies.id, companyId));
  const f = catalogFixtures(db);
  const category = await f.category('Линейка поставщика', undefined, [groupId]);
  const product = await f.product({
    name: 'Товар только для B',
    sku: 'SECRET-B-SKU',
    categoryId: category.id,
    price: 100,
    visibleGroupIds: [groupId],
  });
  return product;
}

beforeAll(async () => {
  k = await companiesTestApp();
  const ownerA = await k.cookieOf(demoPeople.owner.email);
  a = { cookie: ownerA, id: await k.companyIdOf(ownerA, demoCompanies.dealer.name) };
  const ownerB = await k.cookieOf(demoPeople.supplier.email);
  const idB = await k.companyIdOf(ownerB, demoCompanies.supplier.name);
  const asB = k.as(ownerB);
  const account = await asB(
    'POST',
    `/api/v1/orgs/${idB}/bank-accounts`,
    validBodies['POST /api/v1/orgs/:orgId/bank-accounts'],
  );
  const role = await asB('POST', `/api/v1/orgs/${idB}/roles`, {
    name: 'Склад',
    permissions: ['orders.read'],
  });
  const invitation = await asB('POST', `/api/v1/orgs/${idB}/invitations`, {
    email: 'b-person@example.ru',
    role: 'buyer',
  });
  const members = await asB('GET', `/api/v1/orgs/${idB}/members`);
  const address = await asB(
    'POST',
    `/api/v1/orgs/${idB}/addresses`,
    validBodies['POST /api/v1/orgs/:orgId/addresses'],
  );
  expect([account.statusCode, role.statusCode, invitation.statusCode, address.statusCode]).toEqual([
    201, 201, 201, 201,
  ]);
  const onlyB = await productOnlyBSees(idB);
  const cart = await asB('POST', `/api/v1/orgs/${idB}/carts`, { name: 'Тайный список', shared: true });
  const cartId = cart.json().id;
  const line = await asB('POST', `/api/v1/orgs/${idB}/carts/${cartId}/lines`, {
    lines: [{ variantId: onlyB.variantId, quantity: 2 }],
  });
  expect([cart.statusCode, line.statusCode]).toEqual([201, 200]);
  b = {
    id: idB,
    cookie: ownerB,
    accountId: account.json().id,
    roleId: role.json().id,
    invitationId: invitation.json().id,
    userId: members.json().items[0].userId,
    productId: onlyB.id,
    addressId: address.json().id,
    cartId,
    variantId: onlyB.variantId,
    ...(await orderAndRuleOfB(idB, ownerB)),
    ...(await orderOfB(idB, members.json().items[0].userId)),
    documentId: '',
    ...(await agreementOfB(idB, members.json().items[0].userId)),
    reconciliationId: '',
    ...(await ticketOfB(idB, members.json().items[0].userId)),
    offerId: await offerOnlyForB(members.json().items[0].userId),
  };
  const invoice = await asB('POST', `/api/v1/orgs/${idB}/documents/invoices`, { orderId: b.orderId });
  expect(invoice.statusCode, invoice.body).toBe(201);
  b.documentId = invoice.json().id;
  validBodies['POST /api/v1/orgs/:orgId/documents/archive'] = { ids: [b.documentId] };
  // A payment of B (finance routes): its number must never show in A's answers.
  await recordCompanyPayment(
    k.t.db,
    { companyId: idB, amount: 12_345, paidOn: '2026-01-10', number: 'SECRET-B-PAY', source: 'backoffice' },
    financeSystemActor,
  );
  const act = await asB('POST', `/api/v1/orgs/${idB}/finance/reconciliations`, { quarter: '2025-Q4' });
  expect(act.statusCode, act.body).toBe(202);
  b.reconciliationId = act.json().id;
});

/** B places an order (pickup, by invoice) and adds an approval rule. */
async function orderAndRuleOfB(idB: string, ownerB: string) {
  const [pickup] = await queryRows<{ id: string; warehouse_id: string }>(
    k.t.db,
    sql`select id, warehouse_id from delivery_methods where kind = 'pickup' order by position limit 1`,
  );
  const [variant] = await queryRows<{ variant_id: string }>(
    k.t.db,
    sql`select s.variant_id from stock s join product_variants v on v.id = s.variant_id join products p on p.id = v.product_id
        where s.warehouse_id = ${pickup?.warehouse_id} and s.on_hand - s.reserved >= 1 and p.visible_group_ids is null
          and p.pack_size = 1 and p.min_order_qty = 1 order by v.sku limit 1`,
  );
  const order = await k.t.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${idB}/orders`,
    payload: {
      lines: [{ variantId: variant?.variant_id, quantity: 1 }],
      delivery: { methodId: pickup?.id },
      paymentMethod: 'invoice',
    },
    headers: { origin, cookie: ownerB, 'idempotency-key': 'company-b-order-1' },
  });
  const rule = await k.as(ownerB)('POST', `/api/v1/orgs/${idB}/approval-rules`, { name: 'Правило B' });
  expect([order.statusCode, rule.statusCode], order.body).toEqual([201, 201]);
  return { orderId: order.json().id as string, ruleId: rule.json().id as string };
}
afterAll(async () => k?.t.close());

/** B's resources as B's owner sees them, to prove nothing changed. */
async function stateOfB() {
  const asB = k.as(b.cookie);
  const [card, members, invitations, roles, addresses, cart, documents, agreement] = await Promise.all([
    asB('GET', `/api/v1/orgs/${b.id}`),
    asB('GET', `/api/v1/orgs/${b.id}/members`),
    asB('GET', `/api/v1/orgs/${b.id}/invitations`),
    asB('GET', `/api/v1/orgs/${b.id}/roles`),
    asB('GET', `/api/v1/orgs/${b.id}/addresses`),
    asB('GET', `/api/v1/orgs/${b.id}/carts/${b.cartId}`),
    asB('GET', `/api/v1/orgs/${b.id}/documents`),
    asB('GET', `/api/v1/orgs/${b.id}/agreements/${b.agreementId}`),
  ]);
  return [
    card.body,
    members.body,
    invitations.body,
    roles.body,
    addresses.body,
    cart.body,
    documents.body,
    agreement.body,
  ];
}

describe('cross-company access', () => {
  const orgRoutes = () => k.t.app.kabinet.routes.filter((r) => 'org' in r.access);

  it('covers the org routes this module declares', () => {
    const urls = orgRoutes().map((r) => `${r.method} ${r.url}`);
    expect(urls.length).toBeGreaterThanOrEqual(15);
    expect(urls).toContain('DELETE /api/v1/orgs/:orgId/members/:userId');
  });

  it('answers 404 with no data on every org route in company B’s scope, for A’s full-rights member', async () => {
    const before = await stateOfB();
    for (const route of orgRoutes()) {
      const url = route.url
        .replace(':orgId', b.id)
        .replace(':accountId', b.accountId)
        .replace(':userId', b.userId)
        .replace(':invitationId', b.invitationId)
        .replace(':roleId', b.roleId)
        .replace(':productId', b.productId)
        .replace(':addressId', b.addressId)
        .replace(':cartId', b.cartId)
        .replace(':variantId', b.variantId)
        .replace(':ruleId', b.ruleId)
        .replace(':documentId', b.documentId)
        .replace(':offerId', b.offerId)
        .replace('/claims/:id', `/claims/${b.claimId}`)
        .replace('/reconciliations/:id', `/reconciliations/${b.reconciliationId}`)
        .replace(
          '/support/tickets/:id/attachments/:attachmentId',
          `/support/tickets/${b.ticketId}/attachments/${b.ticketFileId}`,
        )
        .replace('/support/tickets/:id', `/support/tickets/${b.ticketId}`)
        .replace(':id', b.orderId)
        .replace(':attachmentId', b.attachmentId);
      for (const orgUrl of [
        url,
        route.url.replace(':orgId', '0190e2a4-0000-7000-8000-000000000000'),
        route.url.replace(':orgId', 'not-a-uuid'),
      ]) {
        const res = await k.as(a.cookie)(
          route.method as 'GET',
          orgUrl,
          validBodies[`${route.method} ${route.url}`],
        );
        expect(res.statusCode, `${route.method} ${orgUrl} as A's owner`).toBe(404);
        for (const secret of secretsOfB()) expect(dataOf(res.body)).not.toContain(secret);
      }
      const anonymous = await k.as(undefined)(route.method as 'GET', url);
      expect(anonymous.statusCode, `${route.method} ${route.url} anonymous`).toBe(401);
    }
    expect(await stateOfB()).toEqual(before);
  });

  it('answers 404 when B’s member, invitation, bank-account, role and address ids are used in A’s scope', async () => {
    const before = await stateOfB();
    const params: Record<string, () => string> = {
      ':accountId': () => b.accountId,
      ':userId': () => b.userId,
      ':invitationId': () => b.invitationId,
      ':roleId': () => b.roleId,
      ':productId': () => b.productId,
      ':addressId': () => b.addressId,
      ':cartId': () => b.cartId,
      ':variantId': () => b.variantId,
      ':ruleId': () => b.ruleId,
      ':documentId': () => b.documentId,
      ':offerId': () => b.offerId,
      ':agreementId': () => b.agreementId,
      ':versionId': () => b.versionId,
      '/claims/:id': () => `/claims/${b.claimId}`,
      '/reconciliations/:id': () => `/reconciliations/${b.reconciliationId}`,
      '/support/tickets/:id/attachments/:attachmentId': () =>
        `/support/tickets/${b.ticketId}/attachments/${b.ticketFileId}`,
      '/support/tickets/:id': () => `/support/tickets/${b.ticketId}`,
      ':id': () => b.orderId,
      ':attachmentId': () => b.attachmentId,
    };
    const withIds = orgRoutes().filter((r) => r.url.replace(':orgId', '').includes(':'));
    expect(withIds.length).toBeGreaterThanOrEqual(7);
    for (const route of withIds) {
      let url = route.url.replace(':orgId', a.id);
      for (const [param, value] of Object.entries(params)) url = url.replace(param, value());
      expect(url, `every id parameter of ${route.url} has a value of B`).not.toMatch(/:[a-zA-Z]/);
      const res = await k.as(a.cookie)(
        route.method as 'GET',
        url,
        validBodies[`${route.method} ${route.url}`],
      );
      expect(res.statusCode, `${route.method} ${url} with B's ids in A's scope`).toBe(404);
      for (const secret of secretsOfB()) expect(dataOf(res.body)).not.toContain(secret);
    }
    expect(await stateOfB()).toEqual(before);
  });

  it('answers 404 when B’s order is named in a body in A’s scope (documents)', async () => {
    const before = await stateOfB();
    for (const path of ['invoices', 'order-confirmations']) {
      const res = await k.as(a.cookie)('POST', `/api/v1/orgs/${a.id}/documents/${path}`, {
        orderId: b.orderId,
      });
      expect(res.statusCode, `${path} with B's order in A's scope`).toBe(404);
      for (const secret of secretsOfB()) expect(dataOf(res.body)).not.toContain(secret);
    }
    expect(await stateOfB()).toEqual(before);
  });

  it('shows none of B’s data on A’s own lists, and refuses B’s custom role in A', async () => {
    for (const route of orgRoutes().filter(
      (r) => r.method === 'GET' && !r.url.replace(':orgId', '').includes(':'),
    )) {
      const res = await k.as(a.cookie)('GET', route.url.replace(':orgId', a.id));
      expect(res.statusCode, route.url).toBe(200);
      for (const secret of secretsOfB()) expect(res.body, route.url).not.toContain(secret);
    }
    const invite = await k.as(a.cookie)('POST', `/api/v1/orgs/${a.id}/invitations`, {
      email: 'someone@example.ru',
      customRoleId: b.roleId,
    });
    expect(invite.statusCode).toBe(400);
    const members = (await k.as(a.cookie)('GET', `/api/v1/orgs/${a.id}/members`)).json().items;
    const buyer = members.find((m: { email: string }) => m.email === demoPeople.buyer.email);
    const assign = await k.as(a.cookie)('PATCH', `/api/v1/orgs/${a.id}/members/${buyer.userId}`, {
      customRoleId: b.roleId,
    });
    expect(assign.statusCode).toBe(400);
  });
});
