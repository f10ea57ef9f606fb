import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/core/db.js';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
  origin,
} from '../companies/companies.testkit.js';

/** A demo app with the people signed in and what placing an order needs: a sellable variant and the pickup method. */
export async function ordersTestApp() {
  const k = await companiesTestApp();
  const customer = await k.cookieOf(demoPeople.customer.email);
  const buyer = await k.cookieOf(demoPeople.buyer.email);
  const owner = await k.cookieOf(demoPeople.owner.email);
  const dealerId = await k.companyIdOf(owner, demoCompanies.dealer.name);
  const [pickup] = await queryRows<{ id: string; warehouse_id: string }>(
    k.t.db,
    sql`select id, warehouse_id from delivery_methods where kind = 'pickup' and is_active order by position limit 1`,
  );
  if (!pickup) throw new Error('no pickup method in the demo');
  // Demo variants everyone can see and order one at a time, with a retail price.
  const variants = await queryRows<{ id: string; product_id: string; category_id: string | null }>(
    k.t.db,
    sql`select v.id, p.id as product_id, p.category_id from product_variants v join products p on p.id = v.product_id
        where p.status = 'active' and v.status = 'active' and p.visible_group_ids is null
          and p.pack_size = 1 and p.min_order_qty = 1
          and exists (select 1 from prices pr join price_lists pl on pl.id = pr.price_list_id where pr.variant_id = v.id and pl.is_default)
        order by v.sku limit 6`,
  );
  if (variants.length < 4) throw new Error('not enough demo variants');

  /** Sets the variant's stock to `units` at the pickup warehouse and none elsewhere. */
  async function setStock(variantId: string, units: number) {
    await k.t.db.execute(sql`update stock set on_hand = 0, reserved = 0 where variant_id = ${variantId}`);
    await k.t.db.execute(
      sql`insert into stock (variant_id, warehouse_id, on_hand, reserved) values (${variantId}, ${pickup?.warehouse_id}, ${units}, 0)
          on conflict (variant_id, warehouse_id) do update set on_hand = excluded.on_hand, reserved = 0`,
    );
  }
  async function stockOf(variantId: string) {
    const [row] = await queryRows<{ on_hand: string; reserved: string }>(
      k.t.db,
      sql`select sum(on_hand)::text as on_hand, sum(reserved)::text as reserved from stock where variant_id = ${variantId}`,
    );
    return { onHand: Number(row?.on_hand ?? 0), reserved: Number(row?.reserved ?? 0) };
  }

  let keys = 0;
  /** Places an order through the API. */
  const place = (
    cookie: string,
    url: string,
    body: object,
    key: string | null = `test-key-${Date.now()}-${++keys}`,
  ) =>
    k.t.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { origin, cookie, ...(key ? { 'idempotency-key': key } : {}) },
    });

  const pickupOrder = (
    lines: { variantId: string; quantity: number }[],
    paymentMethod = 'cash_on_delivery',
  ) => ({
    lines,
    delivery: { methodId: pickup.id },
    paymentMethod,
  });

  return { k, customer, buyer, owner, dealerId, pickup, variants, setStock, stockOf, place, pickupOrder };
}

export type OrdersTestApp = Awaited<ReturnType<typeof ordersTestApp>>;
export type { CompaniesTestApp };
