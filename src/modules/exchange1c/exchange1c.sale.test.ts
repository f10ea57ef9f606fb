import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { sharedFixtures } from '../../test/shared-fixtures.js';
import { demoCompanies, origin } from '../companies/companies.testkit.js';
import { type OrdersTestApp, ordersTestApp } from '../orders/orders.testkit.js';
import { child, childrenOf, streamXml, textOf, type XNode } from './commerceml/xml-stream.js';
import { saleQueryLimit } from './exchange1c.sale.js';
import { ExchangeClient, saleQuery } from './testing/client.js';

const fixtures = sharedFixtures('commerceml', 'exchange1c sale');
const haveFixtures = fixtures !== null;

let o: OrdersTestApp;
let baseUrl: string;
let login: string;
let password: string;
let tmp: string;
const me = '/api/v1/me/orders';

beforeAll(async () => {
  o = await ordersTestApp();
  await o.k.t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(o.k.t.app.server.address() as AddressInfo).port}`;
  const created = await o.k.t.app.inject({
    method: 'POST',
    url: '/api/v1/admin/integrations/1c/accounts',
    headers: { cookie: await o.k.t.operator(), origin },
    payload: { login: 'ut11-sale', name: 'УТ 11' },
  });
  login = 'ut11-sale';
  password = created.json().password;
  tmp = await mkdtemp(join(tmpdir(), 'kabinet-sale-'));
  for (const v of o.variants) await o.setStock(v.id, 1000);
  // Whatever the demo holds is confirmed once, so each test sees only its own orders.
  let rounds = 0;
  while ((await exchange()).length > 0 && rounds < 50) rounds++;
}, 120_000);
afterAll(async () => {
  await o?.k.t.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The `Документ` nodes of a query answer, read back with the importer's own streaming parser. */
async function documentsOf(xml: string): Promise<XNode[]> {
  const path = join(tmp, `query-${Date.now()}-${Math.random()}.xml`);
  await writeFile(path, xml);
  const docs: XNode[] = [];
  await streamXml(path, (p) => p.length === 2 && p[1] === 'Документ', { record: (n) => docs.push(n) });
  return docs;
}

const requisite = (doc: XNode, name: string) =>
  childrenOf(child(doc, 'ЗначенияРеквизитов'), 'ЗначениеРеквизита')
    .find((r) => textOf(r, 'Наименование') === name)
    ?.children.find((c) => c.name === 'Значение')?.text;

async function saleClient(version: string | undefined = '2.08') {
  const client = new ExchangeClient(baseUrl, login, password, 'sale');
  expect((await client.checkauth()).status).toBe('success');
  await client.init(version);
  return client;
}

/** One exchange as 1C runs it: checkauth, init, query; then success unless told otherwise. Returns the documents. */
async function exchange(options: { confirm?: boolean; client?: ExchangeClient } = {}) {
  const client = options.client ?? (await saleClient());
  const answer = await saleQuery(client);
  expect(answer.httpStatus).toBe(200);
  expect(answer.contentType).toBe('application/xml; charset=utf-8');
  const docs = await documentsOf(answer.xml);
  if (options.confirm !== false) {
    const success = await client.request('type=sale&mode=success');
    expect(success.status).toBe('success');
  }
  return docs;
}
const idsOf = (docs: XNode[]) => docs.map((d) => textOf(d, 'Ид'));

async function placePersonal(quantity = 2) {
  const res = await o.place(
    o.customer,
    me,
    o.pickupOrder([{ variantId: o.variants[0]?.id as string, quantity }]),
  );
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string; total: number };
}
async function placeCompany() {
  const res = await o.place(
    o.buyer,
    `/api/v1/orgs/${o.dealerId}/orders`,
    o.pickupOrder(
      [
        { variantId: o.variants[1]?.id as string, quantity: 3 },
        { variantId: o.variants[2]?.id as string, quantity: 1 },
      ],
      'invoice',
    ),
  );
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string; total: number };
}
async function setStatus(id: string, status: string) {
  const res = await o.k.t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/orders/${id}/status`,
    headers: { cookie: await o.k.t.operator(), origin },
    payload: { status },
  });
  expect(res.statusCode).toBe(200);
}
async function orderRow(id: string) {
  const [row] = await queryRows<{
    status: string;
    paid_amount: string;
    payment_state: string;
    number_1c: string | null;
    date_1c: string | null;
  }>(
    o.k.t.db,
    sql`select status, paid_amount::text, payment_state, number_1c, date_1c from orders where id = ${id}`,
  );
  return row;
}
/** Everything applying a file may write, to prove a repeat or a failure wrote nothing. */
async function footprint() {
  const [row] = await queryRows(
    o.k.t.db,
    sql`select (select count(*) from order_events)::int as events, (select count(*) from shipments)::int as shipments,
        (select coalesce(sum(paid_amount), 0)::text from orders) as paid,
        (select string_agg(status, ',' order by id) from orders) as statuses,
        (select string_agg(coalesce(number_1c, '-'), ',' order by id) from orders) as numbers`,
  );
  return row;
}

describe('1C exchange type=sale: the protocol', () => {
  it('checkauth and init: zip=no and file_limit; with a version also sessid and the version we write', async () => {
    const client = new ExchangeClient(baseUrl, login, password, 'sale');
    const auth = await client.checkauth();
    expect(auth).toMatchObject({
      status: 'success',
      lines: [
        expect.any(String),
        expect.any(String),
        expect.stringMatching(/^sessid=/),
        expect.stringMatching(/^timestamp=/),
      ],
    });
    const newer = await client.init('2.08');
    expect([newer.status, ...newer.lines]).toEqual([
      'zip=no',
      expect.stringMatching(/^file_limit=\d+$/),
      `sessid=${client.sessid}`,
      'version=2.08',
    ]);
    const older = await client.init();
    expect([older.status, ...older.lines]).toEqual(['zip=no', expect.stringMatching(/^file_limit=\d+$/)]);
    const stranger = await new ExchangeClient(baseUrl, login, password, 'sale').request(
      'type=sale&mode=query',
    );
    expect(stranger).toMatchObject({
      status: 'failure',
      lines: ['not authorized: call mode=checkauth first'],
    });
    const wrong = await new ExchangeClient(baseUrl, login, 'not the password', 'sale').checkauth();
    expect(wrong.status).toBe('failure');
  });
});

describe('1C exchange type=sale: orders to 1C', () => {
  it('sends each new order once, as well-formed CommerceML with the buyer and the lines, and nothing after success', async () => {
    // A variant that came from 1C is named by its 1C id; the others by our id.
    const fromOneCatalog = o.variants[1]?.id as string;
    await o.k.t.db.execute(
      sql`update product_variants set external_id = 'a1b2c3d4-0000-4000-8000-000000000001#beef' where id = ${fromOneCatalog}`,
    );
    const personal = await placePersonal(2);
    const company = await placeCompany();
    const client = await saleClient();
    const answer = await saleQuery(client);
    expect(
      answer.xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<КоммерческаяИнформация ВерсияСхемы="2.08"',
      ),
    ).toBe(true);
    const docs = await documentsOf(answer.xml);
    expect(idsOf(docs).sort()).toEqual([personal.id, company.id].sort());

    const b2b = docs.find((d) => textOf(d, 'Ид') === company.id) as XNode;
    expect(textOf(b2b, 'Номер')).toBe(company.number);
    expect(textOf(b2b, 'ХозОперация')).toBe('Заказ товара');
    expect(textOf(b2b, 'Роль')).toBe('Продавец');
    expect(textOf(b2b, 'Дата')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(textOf(b2b, 'Время')).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(textOf(b2b, 'Сумма')).toBe((company.total / 100).toFixed(2));
    const buyer = child(child(b2b, 'Контрагенты'), 'Контрагент') as XNode;
    expect(textOf(buyer, 'ИНН')).toBe(demoCompanies.dealer.inn);
    expect(textOf(buyer, 'КПП')).toBe(demoCompanies.dealer.kpp);
    expect(textOf(buyer, 'ОфициальноеНаименование')).toBe(demoCompanies.dealer.legalName);
    const goods = childrenOf(child(b2b, 'Товары'), 'Товар');
    expect(goods.map((g) => textOf(g, 'Количество'))).toEqual(['3', '1']);
    expect(goods.map((g) => textOf(g, 'Ид'))).toEqual([
      'a1b2c3d4-0000-4000-8000-000000000001#beef',
      o.variants[2]?.id,
    ]);
    for (const g of goods) {
      expect(Number(textOf(g, 'Сумма'))).toBeCloseTo(
        Number(textOf(g, 'ЦенаЗаЕдиницу')) * Number(textOf(g, 'Количество')),
        2,
      );
      expect(requisite(g, 'ВидНоменклатуры')).toBe('Товар');
    }
    expect(requisite(b2b, 'Статус заказа')).toBe('[confirmed] Подтверждён');
    expect(requisite(b2b, 'Метод оплаты')).toBe('По счёту');
    expect(requisite(b2b, 'Отменен')).toBe('false');

    const b2c = docs.find((d) => textOf(d, 'Ид') === personal.id) as XNode;
    const person = child(child(b2c, 'Контрагенты'), 'Контрагент') as XNode;
    expect(textOf(person, 'ИНН')).toBe('');
    const contacts = childrenOf(child(person, 'Контакты'), 'Контакт').map((c) => textOf(c, 'Тип'));
    expect(contacts).toContain('Почта');
    expect(childrenOf(child(b2c, 'Товары'), 'Товар').map((g) => textOf(g, 'Количество'))).toEqual(['2']);

    expect((await client.request('type=sale&mode=success')).status).toBe('success');
    expect(idsOf(await exchange())).toEqual([]);
  });

  it('sends the same orders again (plus newer ones) after an exchange that did not end with success', async () => {
    const first = await placePersonal(1);
    expect(idsOf(await exchange({ confirm: false }))).toEqual([first.id]);
    expect(idsOf(await exchange({ confirm: false }))).toEqual([first.id]);
    const second = await placePersonal(1);
    expect(idsOf(await exchange())).toEqual([first.id, second.id]);
    expect(idsOf(await exchange())).toEqual([]);
  });

  it('sends an order again when it changes after a success, and one changed during an exchange', async () => {
    const order = await placePersonal(1);
    expect(idsOf(await exchange())).toEqual([order.id]);
    await setStatus(order.id, 'assembling');
    const again = await exchange();
    expect(idsOf(again)).toEqual([order.id]);
    expect(requisite(again[0] as XNode, 'Статус заказа')).toBe('[assembling] Собирается');

    // Changed between query and success: the confirmed batch held the old state, so the new one follows.
    const during = await placePersonal(1);
    const client = await saleClient();
    expect(idsOf(await documentsOf((await saleQuery(client)).xml))).toEqual([during.id]);
    await setStatus(during.id, 'cancelled');
    expect((await client.request('type=sale&mode=success')).status).toBe('success');
    const after = await exchange();
    expect(idsOf(after)).toEqual([during.id]);
    expect(requisite(after[0] as XNode, 'Отменен')).toBe('true');
    expect(idsOf(await exchange())).toEqual([]);
  });

  it('never skips an order whose change was still being written when 1C asked (a later change committed first)', async () => {
    const slow = await placePersonal(1);
    const fast = await placePersonal(1);
    expect(idsOf(await exchange()).sort()).toEqual([slow.id, fast.id].sort());
    const client = await saleClient();
    let release = () => {};
    const held = new Promise<void>((done) => {
      release = done;
    });
    let inside = () => {};
    const started = new Promise<void>((done) => {
      inside = done;
    });
    // The slow change takes its sequence value first and commits last.
    const writer = o.k.t.db.transaction(async (tx) => {
      await tx.execute(sql`update orders set comment = 'slow' where id = ${slow.id}`);
      inside();
      await held;
    });
    await started;
    const fastChange = setStatus(fast.id, 'assembling');
    await new Promise((wake) => setTimeout(wake, 300));
    const asked = saleQuery(client);
    await new Promise((wake) => setTimeout(wake, 300));
    release();
    await writer;
    await fastChange;
    const first = await documentsOf((await asked).xml);
    expect((await client.request('type=sale&mode=success')).status).toBe('success');
    const second = await exchange();
    const sent = [...idsOf(first), ...idsOf(second)];
    expect(sent).toContain(slow.id);
    expect(sent).toContain(fast.id);
    expect(idsOf(await exchange())).toEqual([]);
  });

  it('pages a backlog: each confirmed page moves the position, nothing is lost or repeated', async () => {
    const placed = [await placePersonal(1), await placePersonal(1), await placePersonal(1)];
    saleQueryLimit.value = 2;
    try {
      const first = await exchange();
      const second = await exchange();
      expect(first).toHaveLength(2);
      expect([...idsOf(first), ...idsOf(second)]).toEqual(placed.map((p) => p.id));
      expect(idsOf(await exchange())).toEqual([]);
    } finally {
      saleQueryLimit.value = 500;
    }
  });
});

/** A 1C answer file (the shape of to.xml, 2.09 requisites) about our orders. */
function fromOneC(
  docs: Array<{
    id: string;
    number: string;
    operation?: string;
    requisites: Record<string, string>;
    extra?: string;
  }>,
  encoding = 'UTF-8',
) {
  const body = docs
    .map(
      (d) => `<Документ><Ид>${d.id}</Ид><Номер>${d.number}</Номер><Дата>2026-12-06</Дата>
  <ХозОперация>${d.operation ?? 'Заказ товара'}</ХозОперация><Роль>Продавец</Роль><Валюта>RUB</Валюта><Курс>1</Курс>
  ${d.extra ?? ''}
  <ЗначенияРеквизитов>${Object.entries(d.requisites)
    .map(
      ([k, v]) =>
        `<ЗначениеРеквизита><Наименование>${k}</Наименование><Значение>${v}</Значение></ЗначениеРеквизита>`,
    )
    .join('')}</ЗначенияРеквизитов></Документ>`,
    )
    .join('\n');
  return iconv.encode(
    `<?xml version="1.0" encoding="${encoding}"?>\n<КоммерческаяИнформация ВерсияСхемы="2.09" ДатаФормирования="2026-12-06T12:00:00">\n${body}\n</КоммерческаяИнформация>\n`,
    encoding,
  );
}

async function upload(file: Buffer, name = 'documents.xml', version: string | undefined = '2.08') {
  const client = await saleClient(version);
  const uploaded = await client.upload(name, file);
  if (!version) return uploaded;
  expect(uploaded.status).toBe('success');
  return client.import(name);
}

describe('1C exchange type=sale: changes from 1C', () => {
  it('applies statuses, payments and shipments once, reports unknown orders as warnings, and a repeat changes nothing', async () => {
    const paidShipped = await placePersonal(2);
    const cancelled = await placePersonal(1);
    const finished = await placePersonal(1);
    await exchange();
    const file = fromOneC([
      {
        id: paidShipped.id,
        number: paidShipped.number,
        extra: '<Номер1С>УТ-000123</Номер1С><Дата1С>2026-12-06</Дата1С>',
        requisites: {
          Проведен: 'true',
          'Номер оплаты по 1С': 'ПКО-0001',
          'Дата оплаты по 1С': '2026-12-06T10:00:00',
          'Номер отгрузки по 1С': 'РТУ-0001',
          'Дата отгрузки по 1С': '2026-12-06T11:00:00',
          'Статус заказа': 'Отгружен',
        },
      },
      { id: cancelled.id, number: cancelled.number, requisites: { Отменен: 'true' } },
      {
        id: finished.id,
        number: finished.number,
        requisites: { 'Статус заказа': '[F] Доставлен', 'Финальный статус': 'true' },
      },
      { id: '36', number: '36', requisites: { 'Статус заказа': '[N] Принят' } },
      { id: 'pay-1', number: 'pay-1', operation: 'Выплата безналичных денег', requisites: {} },
    ]);
    const answer = await upload(file);
    expect(answer.status).toBe('success');
    expect(answer.lines[0]).toBe('imported documents=5 orders=3 changed=3 unknown=1 ignored=1');
    expect(answer.lines).toContain('warning: order 36 not found, ignored');
    expect(answer.lines).toContain('warning: document pay-1 ignored: not an order');

    expect(await orderRow(paidShipped.id)).toMatchObject({
      status: 'shipped',
      paid_amount: String(paidShipped.total),
      payment_state: 'paid',
      number_1c: 'УТ-000123',
      date_1c: '2026-12-06',
    });
    const shipped = await queryRows<{ external_number: string; quantity: string }>(
      o.k.t.db,
      sql`select s.external_number, sl.quantity::text from shipments s join shipment_lines sl on sl.shipment_id = s.id where s.order_id = ${paidShipped.id}`,
    );
    expect(shipped).toEqual([{ external_number: 'РТУ-0001', quantity: '2.000' }]);
    const by1c = await queryRows<{ kind: string; status: string | null }>(
      o.k.t.db,
      sql`select kind, status from order_events where order_id = ${paidShipped.id} and actor_name = '1C' order by at, id`,
    );
    expect(by1c.map((e) => e.status ?? e.kind)).toEqual([
      'payment',
      'paid',
      'assembling',
      'shipment',
      'shipped',
    ]);
    expect((await orderRow(cancelled.id))?.status).toBe('cancelled');
    expect((await orderRow(finished.id))?.status).toBe('completed');

    const before = await footprint();
    const again = await upload(file);
    expect(again.status).toBe('success');
    expect(again.lines[0]).toBe('imported documents=5 orders=3 changed=0 unknown=1 ignored=1');
    expect(await footprint()).toEqual(before);

    // What 1C changed goes back to it once more (the orders changed), then nothing.
    expect(idsOf(await exchange()).sort()).toEqual([paidShipped.id, cancelled.id, finished.id].sort());
  });

  it('pays part of an order by the amount 1C names, once per 1C payment number; a move the lifecycle refuses is a warning', async () => {
    const order = await placePersonal(2);
    const half = Math.floor(order.total / 2);
    const amount = `${Math.floor(half / 100)}.${String(half % 100).padStart(2, '0')}`;
    const file = (n: string) =>
      fromOneC([
        {
          id: order.id,
          number: order.number,
          requisites: { 'Номер оплаты по 1С': n, 'Сумма оплаты по 1С': amount },
        },
      ]);
    expect((await upload(file('ПКО-1'))).status).toBe('success');
    expect(await orderRow(order.id)).toMatchObject({
      paid_amount: String(half),
      payment_state: 'partially_paid',
      status: 'confirmed',
    });
    await upload(file('ПКО-1'));
    expect((await orderRow(order.id))?.paid_amount).toBe(String(half));
    await upload(file('ПКО-2'));
    expect(await orderRow(order.id)).toMatchObject({ paid_amount: String(half * 2) });

    await setStatus(order.id, 'cancelled');
    const late = await upload(
      fromOneC([{ id: order.id, number: order.number, requisites: { 'Статус заказа': 'Доставлен' } }]),
    );
    expect(late.status).toBe('success');
    expect(late.lines).toContain(
      `warning: order ${order.number}: cancelled, status delivered from 1C ignored`,
    );
    expect((await orderRow(order.id))?.status).toBe('cancelled');
  });

  it('old protocol (no version at init): the file, here in windows-1251, is applied inside mode=file', async () => {
    const order = await placePersonal(1);
    const answer = await upload(
      fromOneC(
        [{ id: order.id, number: order.number, requisites: { 'Статус заказа': 'Собирается' } }],
        'windows-1251',
      ),
      'to.xml',
      undefined,
    );
    expect(answer.status).toBe('success');
    expect(answer.lines[0]).toMatch(/^imported documents=1 orders=1 changed=1/);
    expect((await orderRow(order.id))?.status).toBe('assembling');
  });

  it('a malformed or truncated file answers failure and changes nothing', async () => {
    const order = await placePersonal(1);
    const whole = fromOneC([
      { id: order.id, number: order.number, requisites: { Отменен: 'true' } },
      { id: order.id, number: order.number, requisites: { 'Статус заказа': 'Доставлен' } },
    ]);
    const before = await footprint();
    const truncated = await upload(whole.subarray(0, whole.length - 60));
    expect(truncated.status).toBe('failure');
    expect(truncated.lines[0]).toMatch(/not well-formed|truncated|unclosed/i);
    const notXml = await upload(Buffer.from('this is not xml'));
    expect(notXml.status).toBe('failure');
    const badAmount = await upload(
      fromOneC([
        {
          id: order.id,
          number: order.number,
          requisites: { 'Номер оплаты по 1С': 'X', 'Сумма оплаты по 1С': 'много' },
        },
      ]),
    );
    expect(badAmount.status).toBe('failure');
    expect(await footprint()).toEqual(before);
    expect((await orderRow(order.id))?.status).toBe('confirmed');
  });

  it.skipIf(!haveFixtures)(
    'imports the real order files of 1C and Bitrix, reporting their orders as unknown',
    async () => {
      for (const [path, documents] of [
        ['carono-1c-samples/from.xml', 1],
        ['carono-1c-samples/to.xml', 1],
        ['dobromyslov-commerceml-parser/bitrix-query-response-full.xml', 2],
      ] as const) {
        const before = await footprint();
        const answer = await upload(readFileSync(resolve(fixtures ?? '', path)), path.split('/')[1]);
        expect(answer.status, `${path}: ${answer.lines.join(' | ')}`).toBe('success');
        expect(answer.lines[0]).toBe(
          `imported documents=${documents} orders=0 changed=0 unknown=${documents} ignored=0`,
        );
        expect(answer.lines.slice(1).every((l) => /^warning: order \S+ not found, ignored$/.test(l))).toBe(
          true,
        );
        expect(await footprint()).toEqual(before);
      }
    },
  );
});
