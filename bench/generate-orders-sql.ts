/**
 * SQL of the benchmark's order history (issue 5: 1 000 000 orders with 10 000 000 lines). Like the catalog
 * (bench/generate-sql.ts) every row is made by `generate_series` in the database. Order g belongs to the bench
 * company (every 5th, placed by the bench buyer), to a person (every 7th of the rest) or to one of the other
 * generated companies; it has 1–19 lines (10 on average) of catalog variants and two timeline events. The
 * newest orders are in flight (new … shipped), the rest completed or cancelled.
 */
export interface OrderShape {
  orders: number;
  products: number;
  companies: number;
  companyId: string;
  buyerId: string;
}

const uuid = (kind: string, n: string) =>
  `overlay(overlay(md5('${kind}' || (${n})::text) placing '4' from 13) placing '8' from 17)::uuid`;

const inFlight = ['new', 'confirmed', 'awaiting_payment', 'paid', 'assembling', 'shipped'];
const batchSize = 50_000;

/** Statements, one per batch of orders: [label, sql]. */
export function orderStatements(s: OrderShape): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let from = 1; from <= s.orders; from += batchSize) {
    const to = Math.min(s.orders, from + batchSize - 1);
    out.push([
      `orders ${from}–${to}`,
      `with o as (
         select g, ${uuid('bo', 'g')} as id,
           case when g % 5 = 0 then '${s.companyId}'::uuid
                when g % 7 = 3 then null
                else ${uuid('bco', `2 + g % ${s.companies - 1}`)} end as company_id,
           case when g % 5 = 0 then '${s.buyerId}' else 'bench-person-' || (g % 20000) end as person_id,
           now() - ((${s.orders} - g) * interval '20 seconds') as created_at
         from generate_series(${from}, ${to}) g
       ), l as (
         select o.id as order_id, p, 1 + abs(hashtext(o.g || '-' || p)) % ${s.products} as n,
           (1 + abs(hashtext(p || '/' || o.g)) % 5)::numeric as qty,
           (5000 + abs(hashtext(o.g || '#' || p)) % 95000)::bigint as price
         from o cross join lateral generate_series(1, 1 + o.g % 19) p
       ), t as (
         select order_id, sum(qty * price)::bigint as items, count(*)::int as lines from l group by order_id
       ), ins_orders as (
         insert into orders (id, number, company_id, person_id, placed_by_name, status, payment_state, payment_method,
           items_total, delivery_cost, total, paid_amount, line_count, delivery, idempotency_key, created_at, updated_at,
           confirmed_at)
         select o.id, 'B-' || lpad(o.g::text, 7, '0'), o.company_id, o.person_id, 'Покупатель ' || (o.g % 20000),
           (case when o.g > ${s.orders} - 2000 then (array['${inFlight.join("','")}'])[1 + o.g % ${inFlight.length}]
                 when o.g % 23 = 0 then 'cancelled' else 'completed' end),
           (case when o.g % 23 = 0 then 'unpaid' else 'paid' end),
           (case when o.company_id is null then 'card_online' else 'deferred' end),
           t.items, 0, t.items, case when o.g % 23 = 0 then 0 else t.items end, t.lines,
           '{"methodId":"00000000-0000-4000-8000-000000000000","kind":"courier","name":"Курьер","carrier":null,"warehouseId":null,"addressId":null,"address":"Москва, ул. Бенч, 1","recipientName":null,"phone":null,"consignee":null,"lat":null,"lon":null}'::jsonb,
           o.id::text, o.created_at, o.created_at, o.created_at
         from o join t on t.order_id = o.id
       ), ins_events as (
         insert into order_events (id, order_id, at, kind, status, actor_kind, actor_name)
         select ${uuid('boe', "o.g || '-' || e")}, o.id, o.created_at + (e - 1) * interval '1 day', 'status',
           (case when e = 1 then 'new' when o.g % 23 = 0 then 'cancelled' else 'completed' end),
           (case when e = 1 then 'person' else 'staff' end), (case when e = 1 then 'Покупатель' else 'Менеджер' end)
         from o cross join generate_series(1, 2) e
       )
       insert into order_lines (id, order_id, position, variant_id, product_id, sku, name, unit, quantity, list_price,
         unit_price, line_total)
       select ${uuid('bol', "l.order_id || '-' || l.p")}, l.order_id, l.p, ${uuid('bv', "l.n || '-1'")}, ${uuid('bp', 'l.n')},
         'B-' || lpad(l.n::text, 6, '0'), 'Товар ' || l.n, 'шт', l.qty, l.price, l.price, (l.qty * l.price)::bigint
       from l`,
    ]);
  }
  out.push(['order number sequence', `select setval('order_number_seq', ${s.orders + 1})`]);
  return out;
}
