import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import { listMethods } from '../delivery/delivery.service.js';
import type { LoyaltyDemo } from '../loyalty/loyalty.demo.js';
import { addDays, addMonths, dateOf } from './subscriptions.dates.js';
import { recordEvent } from './subscriptions.service.js';
import { subscriptionPlans, subscriptions } from './subscriptions.tables.js';

/** The demo's service plans. */
export const demoPlans = [
  {
    nameRu: 'Сервисное обслуживание',
    nameEn: 'Maintenance service',
    descriptionRu: 'Выезд мастера раз в месяц: осмотр, настройка, мелкий ремонт.',
    descriptionEn: 'A technician visits monthly: inspection, tuning, small repairs.',
    price: 149_000,
    period: 'month' as const,
    intervalWeeks: null,
  },
  {
    nameRu: 'Расходники каждые 2 недели',
    nameEn: 'Supplies every 2 weeks',
    descriptionRu: 'Набор расходных материалов с доставкой раз в две недели.',
    descriptionEn: 'A set of supplies delivered every two weeks.',
    price: 59_000,
    period: 'weeks' as const,
    intervalWeeks: 2,
  },
];

/**
 * Demo data (npm start): two service plans; the customer subscribes to a product every 4 weeks and to the monthly
 * maintenance plan. The demo has no saved card (the payments tests count the customer's cards), so both wait for
 * the customer to choose one: pay once with «remember the card», then pick it on /subscriptions.
 */
export async function seedDemoSubscriptions(tx: Db, demo: LoyaltyDemo): Promise<void> {
  const [existing] = await tx.select({ id: subscriptionPlans.id }).from(subscriptionPlans).limit(1);
  if (existing) return;
  const today = dateOf(demo.now);
  const planIds: string[] = [];
  for (const p of demoPlans) {
    const id = uuidv7();
    planIds.push(id);
    await tx.insert(subscriptionPlans).values({ id, ...p });
  }
  const pickup = (await listMethods(tx)).find((m) => m.kind === 'pickup' && m.isActive);
  // The last sellable piece-goods variant by SKU (tests and journeys take the first ones).
  const [variant] = await queryRows<{ id: string; product_id: string; name: string }>(
    tx,
    sql`select v.id, p.id as product_id, p.name from product_variants v join products p on p.id = v.product_id
        where p.status = 'active' and v.status = 'active' and p.visible_group_ids is null
          and p.pack_size = 1 and p.min_order_qty = 1
          and exists (select 1 from prices pr join price_lists pl on pl.id = pr.price_list_id where pr.variant_id = v.id and pl.is_default)
        order by v.sku desc limit 1`,
  );
  if (pickup && variant) {
    const id = uuidv7();
    await tx.insert(subscriptions).values({
      id,
      personId: demo.customerId,
      kind: 'product',
      title: variant.name,
      variantId: variant.id,
      productId: variant.product_id,
      quantity: 2,
      intervalWeeks: 4,
      deliveryMethodId: pickup.id,
      nextDate: addDays(today, 7),
    });
    await recordEvent(tx, id, 'created', 'person', { nextDate: addDays(today, 7) }, demo.now);
  }
  const planSub = uuidv7();
  await tx.insert(subscriptions).values({
    id: planSub,
    personId: demo.customerId,
    kind: 'plan',
    title: demoPlans[0]?.nameRu ?? '',
    planId: planIds[0] as string,
    nextDate: addMonths(today, 1),
  });
  await recordEvent(tx, planSub, 'created', 'person', { nextDate: addMonths(today, 1) }, demo.now);
}
