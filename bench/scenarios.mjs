// The load scenarios of `npm run bench`. Each has a name, what it measures, its target (issue 4, PostgreSQL, this
// 2-core machine) and either one path or a function giving the next path, so search and product pages rotate.
import { createHash } from 'node:crypto';

/** Search phrases: a Russian stem, whole words, a typo and an exact SKU. */
export const searchPhrases = [
  'кабел',
  'фильтр магистральный',
  'фильтер',
  'насос скважинный',
  'B-012345',
  'кран',
];

/**
 * Scenarios for a generated data set (`info` from bench/generate.ts). The catalog ones run as the bench buyer, a
 * member of a company with a customer group, a contract list and a discount, in the org scope.
 */
export function benchScenarios(info) {
  const org = `/api/v1/orgs/${info.companyId}/catalog`;
  let search = 0;
  let product = 0;
  let coldProduct = 0;
  let leaf = 0;
  return [
    { name: 'healthz', path: '/healthz', what: 'process up, no database' },
    { name: 'public settings', path: '/api/v1/public/settings', what: 'one database read, public' },
    {
      name: 'category listing (company)',
      path: `${org}/products?category=${info.topCategory.id}`,
      what: 'a top-level category (its subtree), first page of 24, contract prices, discounts, stock per warehouse',
      signedIn: true,
      targetP99Ms: 50,
    },
    {
      name: 'subcategory listing (company)',
      path: `${org}/products?category=${info.leafCategory.id}`,
      what: 'a leaf category, first page of 24, personal prices and stock',
      signedIn: true,
      targetP99Ms: 50,
    },
    {
      name: 'search (company)',
      path: `${org}/products?q=${encodeURIComponent(searchPhrases[0])}`,
      next: () => `${org}/products?q=${encodeURIComponent(searchPhrases[search++ % searchPhrases.length])}`,
      what: `full-text + trigram + SKU search, rotating: ${searchPhrases.join(', ')}`,
      signedIn: true,
      targetP99Ms: 50,
    },
    {
      name: 'product page (company)',
      path: `${org}/products/${info.productIds[0]}`,
      next: () => `${org}/products/${info.productIds[product++ % info.productIds.length]}`,
      what: `one product: variants, properties, price with breaks, stock by warehouse (${info.productIds.length} products in turn, each viewed once before the run)`,
      warmPaths: info.productIds.map((id) => `${org}/products/${id}`),
      signedIn: true,
      targetP99Ms: 30,
    },
    {
      name: 'product page, first views (company)',
      path: `${org}/products/${info.coldProductIds[0]}`,
      next: () => `${org}/products/${info.coldProductIds[coldProduct++ % info.coldProductIds.length]}`,
      what: `${info.coldProductIds.length} other products in turn, each asked once: what a page costs before the read cache has it`,
      signedIn: true,
      cold: true,
    },
    {
      name: 'subcategory listing, first views (company)',
      path: `${org}/products?category=${info.leafCategoryIds[0]}`,
      next: () => `${org}/products?category=${info.leafCategoryIds[leaf++ % info.leafCategoryIds.length]}`,
      what: `${info.leafCategoryIds.length} leaf categories in turn: listings the read cache has mostly not seen`,
      signedIn: true,
      cold: true,
    },
    ...orderScenarios(info),
    {
      name: 'category listing (guest)',
      path: `/api/v1/public/catalog/products?category=${info.topCategory.id}`,
      what: 'the same category for a guest: public assortment, retail prices',
    },
  ];
}

/** Order history filters the scenario rotates over (docs/orders.md), for the bench company's orders. */
function historyFilters(info) {
  const day = (daysAgo) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const variant = info.orderableVariantIds?.[0];
  return [
    'status=completed',
    'status=assembling',
    `from=${day(60)}&to=${day(30)}`,
    'minTotal=100000&maxTotal=300000',
    `number=B-${String(Math.floor(info.orders / 2 / 5) * 5).padStart(7, '0')}`,
    ...(variant ? [`product=${variant}`] : []),
    `status=completed&from=${day(120)}&to=${day(90)}&minTotal=50000`,
  ];
}

/** The generator's ids (bench/generate.ts `md5Uuid`). */
function md5Uuid(text) {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Ids of the bench company's orders after the `skip` newest (its orders are every 5th generated). */
function companyOrderIds(info, skip, count) {
  const newest = Math.floor(info.orders / 5);
  return Array.from({ length: Math.max(0, Math.min(count, newest - skip)) }, (_, i) =>
    md5Uuid(`bo${(newest - skip - i) * 5}`),
  );
}

/**
 * Issue 5: the order history (1 000 000 orders, 10 000 000 lines with BENCH_ORDERS=1000000), an order's page,
 * and placing 20-line orders (no stock may be oversold: run.mjs checks the stock afterwards).
 */
export function orderScenarios(info) {
  if (!info.orders) return [];
  const orders = `/api/v1/orgs/${info.companyId}/orders`;
  const filters = historyFilters(info);
  let filter = 0;
  let detail = 0;
  let coldDetail = 0;
  let coldHistory = 0;
  let placed = 0;
  const variants = info.orderableVariantIds;
  const coldOrderIds = companyOrderIds(info, info.companyOrderIds.length, 30_000);
  return [
    {
      name: 'order history (company)',
      path: `${orders}?limit=20`,
      what: `first page of the bench company's ${Math.floor(info.orders / 5)} orders (of ${info.orders}), newest first`,
      signedIn: true,
      targetP99Ms: 50,
    },
    {
      name: 'order history with filters (company)',
      path: `${orders}?limit=20&${filters[0]}`,
      next: () => `${orders}?limit=20&${filters[filter++ % filters.length]}`,
      what: `rotating: ${filters.join(' | ')}`,
      signedIn: true,
      targetP99Ms: 50,
    },
    {
      name: 'order detail (company)',
      path: `${orders}/${info.companyOrderIds[0]}`,
      next: () => `${orders}/${info.companyOrderIds[detail++ % info.companyOrderIds.length]}`,
      what: `one order with lines, timeline and shipments (${info.companyOrderIds.length} orders in turn, each viewed once before the run)`,
      warmPaths: info.companyOrderIds.map((id) => `${orders}/${id}`),
      signedIn: true,
      targetP99Ms: 30,
    },
    {
      name: 'order history, first views (company)',
      path: `${orders}?limit=20&minTotal=1`,
      next: () => `${orders}?limit=20&minTotal=${++coldHistory}`,
      what: 'a different first page each time (minTotal=1, 2, 3…): what a history page costs before the read cache has it',
      signedIn: true,
      cold: true,
    },
    {
      name: 'order detail, first views (company)',
      path: `${orders}/${coldOrderIds[0]}`,
      next: () => `${orders}/${coldOrderIds[coldDetail++ % coldOrderIds.length]}`,
      what: `${coldOrderIds.length} other orders in turn, each asked once: what an order page costs before the read cache has it`,
      signedIn: true,
      cold: true,
    },
    {
      name: 'place order, 20 lines (company)',
      path: orders,
      method: 'POST',
      body: () => {
        const start = (placed++ * 20) % variants.length;
        return {
          lines: Array.from({ length: 20 }, (_, i) => ({
            variantId: variants[(start + i) % variants.length],
            quantity: 1,
          })),
          delivery: { methodId: info.deliveryMethodId, addressId: info.deliveryAddressId },
          paymentMethod: 'invoice',
        };
      },
      idempotent: true,
      what: '20 lines from 2 000 variants in stock: price snapshot, stock reservation, order number, in one transaction',
      signedIn: true,
      targetMinRps: 200,
      checkStock: true,
      background: true,
    },
  ];
}
