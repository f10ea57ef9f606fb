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
  accountant: {
    name: 'Наталья Соколова',
    email: 'accountant@dealer.demo.kabinet.local',
    phone: '+79990000008',
  },
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

/** The demo business's own requisites (the seller on its invoices); checksums valid (ru-documents.md vectors). */
export const demoSellerRequisites = {
  name: 'ООО «АкваТехника»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  address: '117997, г. Москва, ул. Вавилова, д. 19',
  phone: '+7 495 500-55-50',
  bank: {
    name: 'ПАО Сбербанк, г. Москва',
    bic: '044525225',
    corrAccount: '30101810400000000225',
    account: '40702810938000000001',
  },
  signatories: {
    director: { name: 'Смирнова О. П.', title: 'Генеральный директор' },
    accountant: { name: 'Белова М. А.' },
  },
  vatRate: 20 as const,
  paymentDays: 5,
  paymentTerms: 'Счет действителен к оплате в течение 5 банковских дней.',
};
