/** The demo business: a Russian distributor of water-treatment equipment. Fixed data, documented in README. */

export const demoBranding = {
  name: 'АкваТехника',
  logoUrl: null,
  primaryColor: '#0b7285',
  defaultLanguage: 'ru' as const,
};

export const demoPeople = {
  admin: { name: 'Ольга Смирнова', email: 'admin@demo.kabinet.local', phone: '+79990000001' },
  customer: { name: 'Иван Петров', email: 'customer@demo.kabinet.local', phone: '+79990000002' },
  buyer: { name: 'Сергей Кузнецов', email: 'buyer@dealer.demo.kabinet.local', phone: '+79990000003' },
  employee: { name: 'Анна Волкова', email: 'employee@demo.kabinet.local', phone: '+79990000004' },
  supplier: { name: 'Дмитрий Орлов', email: 'supplier@demo.kabinet.local', phone: '+79990000005' },
  owner: { name: 'Елена Морозова', email: 'owner@dealer.demo.kabinet.local', phone: '+79990000006' },
  support: { name: 'Мария Белова', email: 'support@demo.kabinet.local', phone: '+79990000007' },
};

/** Customer (price) groups of the demo business. */
export const demoCustomerGroups = [
  { name: 'Дилеры', description: 'Дилерские цены и отсрочка платежа' },
  { name: 'Розница', description: 'Базовые цены' },
];

/** Bank accounts of the dealer; the keys check against the BIK (Сбербанк's public BIK and corr. account). */
export const demoDealerBankAccounts = [
  {
    bankName: 'ПАО Сбербанк',
    bik: '044525225',
    settlementAccount: '40702810200000012345',
    correspondentAccount: '30101810400000000225',
    isPrimary: true,
  },
  {
    bankName: 'ПАО Сбербанк (валютный)',
    bik: '044525225',
    settlementAccount: '40702810800000054321',
    correspondentAccount: '30101810400000000225',
  },
];

// Fictional firms; their INN and OGRN carry valid check digits (src/shared/requisites.ts checks them in a test).
export const demoCompanies = {
  dealer: {
    name: 'ВодоСервис',
    legalName: 'ООО «ВодоСервис»',
    kinds: ['client', 'partner'] as ('client' | 'partner' | 'supplier')[],
    inn: '7707123458',
    kpp: '773601001',
    ogrn: '1027700123450',
    legalAddress: 'г. Москва, ул. Вавилова, д. 19',
  },
  client: {
    name: 'Чистая вода Урал',
    legalName: 'ООО «Чистая вода Урал»',
    kinds: ['client'] as ('client' | 'partner' | 'supplier')[],
    inn: '6671043211',
    kpp: '667101001',
    ogrn: '1156671004324',
    legalAddress: 'г. Екатеринбург, ул. Малышева, д. 51',
  },
  supplier: {
    name: 'ФильтрПром',
    legalName: 'АО «ФильтрПром»',
    kinds: ['supplier'] as ('client' | 'partner' | 'supplier')[],
    inn: '5262087657',
    kpp: '526201001',
    ogrn: '1025203087656',
    legalAddress: 'г. Нижний Новгород, ул. Ларина, д. 7',
  },
};

export const demoCategories = [
  { slug: 'filters', name: 'Фильтры для воды', position: 1 },
  { slug: 'cartridges', name: 'Картриджи', position: 2 },
  { slug: 'reverse-osmosis', name: 'Системы обратного осмоса', position: 3 },
  { slug: 'softeners', name: 'Умягчители', position: 4 },
  { slug: 'pumps', name: 'Насосы и станции', position: 5 },
  { slug: 'uv', name: 'УФ-стерилизаторы', position: 6 },
];

/** [slug, sku, name, unit, price in roubles] */
export const demoProducts: [string, string, string, string, number][] = [
  ['filters', 'FLT-BB10', 'Фильтр магистральный Big Blue 10"', 'шт', 3490],
  ['filters', 'FLT-BB20', 'Фильтр магистральный Big Blue 20"', 'шт', 5290],
  ['filters', 'FLT-SL10', 'Фильтр Slim Line 10" для холодной воды', 'шт', 1290],
  ['filters', 'FLT-SELF-1', 'Фильтр самопромывной 1" с манометром', 'шт', 7890],
  ['cartridges', 'CRT-PP5-10', 'Картридж полипропиленовый 5 мкм 10"', 'шт', 190],
  ['cartridges', 'CRT-PP20-20', 'Картридж полипропиленовый 20 мкм 20" BB', 'шт', 590],
  ['cartridges', 'CRT-CB-10', 'Картридж угольный блок CBC 10"', 'шт', 690],
  ['cartridges', 'CRT-FE-20', 'Картридж обезжелезивающий 20" BB', 'шт', 2490],
  ['reverse-osmosis', 'RO-5-50', 'Система обратного осмоса 5 ступеней, 50 GPD', 'шт', 12900],
  ['reverse-osmosis', 'RO-6-75M', 'Система обратного осмоса с минерализатором, 75 GPD', 'шт', 16500],
  ['reverse-osmosis', 'RO-MEM-75', 'Мембрана обратноосмотическая 75 GPD', 'шт', 2890],
  ['softeners', 'SOF-1035', 'Умягчитель воды 1035, клапан Runxin', 'шт', 54000],
  ['softeners', 'SOF-SALT-25', 'Соль таблетированная, мешок 25 кг', 'меш', 990],
  ['pumps', 'PMP-ST-24', 'Насосная станция 24 л, 0,8 кВт', 'шт', 11200],
  ['pumps', 'PMP-DOS-1', 'Насос-дозатор мембранный 1 л/ч', 'шт', 18900],
  ['uv', 'UV-12', 'УФ-стерилизатор 12 Вт, 0,8 м³/ч', 'шт', 9800],
  ['uv', 'UV-LAMP-12', 'Лампа сменная для УФ-стерилизатора 12 Вт', 'шт', 2100],
];
