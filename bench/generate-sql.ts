/**
 * SQL of the benchmark data set. Every row is made by `generate_series` inside the database (no rows cross the
 * wire), with ids derived from the kind of row and a counter by md5, so statements reference each other's rows
 * without lookups. The same SQL runs on PostgreSQL and on PGlite.
 */

/** Size of the data set; everything but the product count is fixed by the issue (1 000 categories at 100k). */
export interface BenchShape {
  products: number;
  categories: number;
  /** Top-level categories; the rest are their children, and only children hold products. */
  topCategories: number;
  warehouses: number;
  companies: number;
  groups: number;
  contractLists: number;
}

/** The shape for a product count: 1 000 categories at 100 000 products, fewer for a smaller quick run. */
export function benchShape(products: number): BenchShape {
  const categories = Math.min(1000, Math.max(40, Math.round(products / 100)));
  return {
    products,
    categories,
    topCategories: Math.max(2, Math.round(categories / 20)),
    warehouses: 5,
    companies: 2000,
    groups: 4,
    contractLists: 15,
  };
}

/**
 * A deterministic uuid for a kind of row and its number (SQL expression): the md5 of both, with the version
 * (4) and variant (8) digits set, so API schemas that check the UUID format accept it.
 */
const id = (kind: string, n: string) =>
  `overlay(overlay(md5('${kind}' || (${n})::text) placing '4' from 13) placing '8' from 17)::uuid`;
/** The same id for a constant number. */
export const benchId = (kind: string, n: number) => id(kind, String(n));

const nouns = [
  'Кабель силовой',
  'Провод монтажный',
  'Фильтр магистральный',
  'Картридж сменный',
  'Насос циркуляционный',
  'Насос скважинный',
  'Кран шаровой',
  'Клапан обратный',
  'Автоматический выключатель',
  'Выключатель нагрузки',
  'Розетка накладная',
  'Светильник светодиодный',
  'Лампа светодиодная',
  'Труба полипропиленовая',
  'Муфта соединительная',
  'Отвод 90°',
  'Манометр радиальный',
  'Счётчик воды',
  'Редуктор давления',
  'Бак мембранный',
  'Датчик давления',
  'Реле контроля фаз',
  'Термостат накладной',
  'Коллектор распределительный',
  'Гофротруба ПНД',
];
const specs = [
  '½"',
  '¾"',
  '1"',
  '1¼"',
  'DN20',
  'DN25',
  'DN32',
  '3×1,5 мм²',
  '3×2,5 мм²',
  '5×4 мм²',
  '16 А',
  '25 А',
  '32 А',
  '10"',
  '20"',
  '24 л',
  '50 л',
  '0,55 кВт',
  '1,1 кВт',
  'IP44',
  'IP65',
  '12 Вт',
  '220 В',
];
const brands = [
  'IEK',
  'EKF',
  'Schneider Electric',
  'ABB',
  'Legrand',
  'Grundfos',
  'Wilo',
  'Джилекс',
  'Unipump',
  'Valtec',
  'Rehau',
  'Pentair',
  'Aquafilter',
  'Гейзер',
  'Аквафор',
  'Atoll',
  'Севкабель',
  'Камкабель',
  'Конкорд',
  'Navigator',
  'Gauss',
  'Эра',
  'Ресанта',
  'Tiemme',
  'Far',
  'Watts',
  'Zota',
  'Eastec',
  'Uponor',
  'Калде',
  'Ростурпласт',
  'Pro Aqua',
  'Stout',
  'Oventrop',
  'Danfoss',
  'Кобальт',
  'Элекор',
  'Пластэлектро',
  'ДКС',
  'Электротехник',
];
const materials = [
  'Медь',
  'Алюминий',
  'Латунь',
  'Сталь',
  'Нержавеющая сталь',
  'Полипропилен',
  'ПВХ',
  'Чугун',
];
const sentences = [
  'Для монтажа внутренних и наружных сетей.',
  'Поставляется в заводской упаковке с паспортом изделия.',
  'Соответствует ГОСТ и ТР ТС, сертификат в карточке товара.',
  'Подходит для систем водоснабжения и отопления частного дома.',
  'Рабочая температура от −20 до +70 °C.',
  'Гарантия производителя 24 месяца.',
];

const arr = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;
const pick = (values: string[], n: string) => `(${arr(values)})[1 + (${n}) % ${values.length}]`;

/** The ordered statements that build the data set; each is [label, sql]. Large ones are cut into chunks. */
export function benchStatements(s: BenchShape, retailListId: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const leaves = s.categories - s.topCategories;
  /** A product's leaf category number. */
  const catOf = (n: string) => `(${s.topCategories} + 1 + (${n}) % ${leaves})`;
  const groupIds = Array.from({ length: s.groups }, (_, g) => benchId('bg', g + 1));
  // Every hundredth category (and what is in it) only the first customer group sees; 1% of the products elsewhere
  // only the second group sees.
  const hiddenCategory = (c: string) => `(${c}) % 100 = 0`;

  out.push([
    'customer groups',
    `insert into customer_groups (id, name, description)
     select ${id('bg', 'g')}, 'Бенч-группа ' || g, 'Группа для нагрузочного теста'
     from generate_series(1, ${s.groups}) g`,
  ]);
  out.push([
    'categories',
    `insert into categories (id, parent_id, slug, name, position, path, visible_group_ids)
     select ${id('bc', 'c')},
       case when c > ${s.topCategories} then ${id('bc', `1 + (c - ${s.topCategories} - 1) % ${s.topCategories}`)} end,
       'bench-' || c,
       case when c <= ${s.topCategories} then 'Раздел ' || c else ${pick(nouns, 'c')} || ' — группа ' || c end,
       c,
       case when c > ${s.topCategories}
         then array[${id('bc', `1 + (c - ${s.topCategories} - 1) % ${s.topCategories}`)}, ${id('bc', 'c')}]
         else array[${id('bc', 'c')}] end,
       case when c > ${s.topCategories} and ${hiddenCategory('c')} then array[${groupIds[0]}] end
     from generate_series(1, ${s.categories}) c`,
  ]);
  out.push([
    'properties',
    `insert into properties (id, external_id, name, type, unit, filterable, position) values
     (${benchId('bprop', 1)}, 'bench-brand', 'Бренд (бенч)', 'list', null, true, 101),
     (${benchId('bprop', 2)}, 'bench-material', 'Материал (бенч)', 'list', null, true, 102),
     (${benchId('bprop', 3)}, 'bench-size', 'Типоразмер (бенч)', 'number', 'мм', true, 103),
     (${benchId('bprop', 4)}, 'bench-country', 'Страна (бенч)', 'text', null, false, 104)`,
  ]);
  out.push([
    'property options',
    `insert into property_options (id, property_id, external_id, value, position)
     select ${id('bob', 'i')}, ${benchId('bprop', 1)}, 'b' || i, (${arr(brands)})[i], i
     from generate_series(1, ${brands.length}) i
     union all
     select ${id('bom', 'i')}, ${benchId('bprop', 2)}, 'm' || i, (${arr(materials)})[i], i
     from generate_series(1, ${materials.length}) i`,
  ]);
  out.push([
    'warehouses',
    `insert into warehouses (id, external_id, name, address, delivery_days, position)
     select ${id('bw', 'w')}, 'bench-w' || w,
       (array['Склад Подольск','Склад Шушары','Склад Казань','Склад Новосибирск','Склад Краснодар'])[1 + (w - 1) % 5],
       'Адрес склада ' || w, w, 10 + w
     from generate_series(1, ${s.warehouses}) w`,
  ]);
  out.push([
    'price lists',
    `insert into price_lists (id, code, name)
     select ${id('bpl', 'l')}, 'bench-' || l,
       case when l <= ${s.groups} then 'Групповая ' || l else 'Контракт ' || (l - ${s.groups}) end
     from generate_series(1, ${s.groups + s.contractLists}) l`,
  ]);
  out.push([
    'group price lists',
    `insert into price_list_assignments (id, price_list_id, customer_group_id)
     select ${id('bpa', 'g')}, ${id('bpl', 'g')}, ${id('bg', 'g')} from generate_series(1, ${s.groups}) g`,
  ]);

  const chunk = 25_000;
  for (let from = 1; from <= s.products; from += chunk) {
    const to = Math.min(s.products, from + chunk - 1);
    const range = `generate_series(${from}, ${to}) n`;
    out.push([
      `products ${from}–${to}`,
      `insert into products (id, sku, name, description, category_id, brand, unit, pack_size, min_order_qty,
         weight, vat_rate, status, visible_group_ids)
       select ${id('bp', 'n')}, 'B-' || lpad(n::text, 6, '0'),
         ${pick(nouns, 'n')} || ' ' || ${pick(specs, 'n / 25')} || ' серия ' || ${pick(brands, 'n * 7')} || ' ' || (100 + n % 900),
         '<p>' || ${pick(nouns, 'n')} || ' ' || ${pick(specs, 'n / 25')} || '. ' || ${pick(sentences, 'n')} || ' '
           || ${pick(sentences, 'n / 6')} || '</p>',
         ${id('bc', catOf('n'))}, ${pick(brands, 'n * 7')},
         case when n % 25 = 0 then 'м' else 'шт' end,
         case when n % 30 = 0 then 10 else 1 end,
         case when n % 25 = 0 then 10 else 1 end,
         round(((n % 500) + 1) / 100.0, 2), 20,
         case when n % 100 = 99 then 'archived' else 'active' end,
         case when ${hiddenCategory(catOf('n'))} then array[${groupIds[0]}]
              when n % 100 = 7 then array[${groupIds[1] ?? groupIds[0]}] end
       from ${range}`,
    ]);
    out.push([
      `property values ${from}–${to}`,
      `insert into product_property_values (id, product_id, property_id, option_id, number_value, text_value)
       select ${id('bvb', 'n')}, ${id('bp', 'n')}, ${benchId('bprop', 1)}, ${id('bob', `1 + (n * 7) % ${brands.length}`)}, null::numeric, null::text
       from ${range}
       union all
       select ${id('bvm', 'n')}, ${id('bp', 'n')}, ${benchId('bprop', 2)}, ${id('bom', `1 + n % ${materials.length}`)}, null, null
       from ${range}
       union all
       select ${id('bvs', 'n')}, ${id('bp', 'n')}, ${benchId('bprop', 3)}, null, 10 + (n % 40) * 5, null
       from ${range}
       union all
       select ${id('bvc', 'n')}, ${id('bp', 'n')}, ${benchId('bprop', 4)}, null, null,
         (array['Россия','Китай','Италия','Германия','Турция'])[1 + n % 5]
       from ${range}`,
    ]);
    // Every product has its default variant (v = 1); every twentieth has two more (sizes).
    const variants = `(select n, v from ${range} cross join generate_series(1, 3) v where v = 1 or n % 20 = 0) x`;
    out.push([
      `variants ${from}–${to}`,
      `insert into product_variants (id, product_id, sku, name, attributes, barcodes, is_default, position)
       select ${id('bv', "n || '-' || v")}, ${id('bp', 'n')},
         'B-' || lpad(n::text, 6, '0') || case when v > 1 then '-' || v else '' end,
         case when v > 1 then (array['','M','L'])[v] else '' end,
         case when n % 20 = 0 then jsonb_build_object('Размер', (array['S','M','L'])[v]) else '{}'::jsonb end,
         array['46' || lpad((n * 10 + v)::text, 11, '0')],
         v = 1, v - 1
       from ${variants}`,
    ]);
    out.push([
      `stock ${from}–${to}`,
      `insert into stock (variant_id, warehouse_id, on_hand, reserved)
       select ${id('bv', "n || '-' || v")}, ${id('bw', 'w')},
         case when n % 17 = 0 then 0 when n % 13 = 0 then 2 else (n * w + v) % 500 + 5 end,
         case when n % 7 = 0 and n % 17 <> 0 then 1 else 0 end
       from ${variants} cross join generate_series(1, ${s.warehouses}) w
       where (n + w) % ${s.warehouses} < 3`,
    ]);
    const base = '(5000 + (n * 7919) % 995000)';
    out.push([
      `retail and group prices ${from}–${to}`,
      `insert into prices (price_list_id, variant_id, min_qty, amount)
       select '${retailListId}'::uuid, ${id('bv', "n || '-' || v")}, 1, ${base} + (v - 1) * 1000 from ${variants}
       union all
       select '${retailListId}'::uuid, ${id('bv', "n || '-' || v")}, 50, ${base} * 9 / 10 from ${variants} where n % 10 = 0
       union all
       select ${id('bpl', 'g')}, ${id('bv', "n || '-' || v")}, 1, ${base} * (95 - g * 5) / 100 + (v - 1) * 1000
       from ${variants} cross join generate_series(1, ${s.groups}) g`,
    ]);
    out.push([
      `contract prices ${from}–${to}`,
      `insert into prices (price_list_id, variant_id, min_qty, amount)
       select ${id('bpl', `${s.groups} + 1 + n % ${s.contractLists}`)}, ${id('bv', "n || '-1'")}, 1, ${base} * 70 / 100
       from generate_series(${from}, ${to}) n where n % 50 < ${s.contractLists}`,
    ]);
  }

  out.push([
    'companies',
    `insert into companies (id, name, legal_name, kinds, inn, kpp, customer_group_id, credit_limit)
     select ${id('bco', 'k')}, 'Бенч-клиент ' || k, 'ООО «Бенч-клиент ' || k || '»', array['client'],
       '99' || lpad(k::text, 8, '0'), '770101001',
       case when k % ${s.groups + 1} <> 0 then ${id('bg', `k % ${s.groups + 1}`)} end, 100000000
     from generate_series(1, ${s.companies}) k`,
  ]);
  out.push([
    'contract assignments',
    `insert into price_list_assignments (id, price_list_id, company_id)
     select ${id('bca', 'k')}, ${id('bpl', `${s.groups} + 1 + k % ${s.contractLists}`)}, ${id('bco', 'k')}
     from generate_series(1, ${s.companies}) k where k % 4 <> 0`,
  ]);
  out.push([
    'discounts',
    `insert into discounts (id, name, company_id, customer_group_id, scope, category_id, brand, percent_bp)
     select ${id('bd', 'k')}, 'Скидка клиента ' || k, ${id('bco', 'k')}, null,
       (array['all','category','brand'])[1 + k % 3],
       case when k % 3 = 1 then ${id('bc', `${s.topCategories} + 1 + k % ${leaves}`)} end,
       case when k % 3 = 2 then ${pick(brands, 'k')} end,
       100 + (k % 10) * 100
     from generate_series(1, ${s.companies}) k
     union all
     select ${id('bdg', 'g')}, 'Групповая скидка ' || g, null, ${id('bg', 'g')}, 'brand', null, ${pick(brands, 'g')}, 300
     from generate_series(1, ${s.groups}) g`,
  ]);
  out.push([
    'promotions',
    `insert into promo_prices (id, name, product_id, amount, customer_group_ids, starts_at, ends_at)
     select ${id('bpp', 'n')}, 'Акция ' || n, ${id('bp', 'n')}, (5000 + (n * 7919) % 995000) * 80 / 100,
       case when n % 2000 = 0 then array[${groupIds[0]}] end,
       now() - interval '1 day', now() + interval '365 days'
     from generate_series(1, ${s.products}) n where n % 500 = 3 or n % 2000 = 0`,
  ]);
  return out;
}
