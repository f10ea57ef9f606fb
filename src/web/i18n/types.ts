import type base from './ru.json';

/**
 * Every text of the UI: the shell's own (ru.json) and each web module's, under the module's id. When a
 * module gets texts (src/web/modules/<id>/i18n/ru.json and en.json), add its line here.
 */
export type Texts = typeof base & {
  addresses: typeof import('../modules/addresses/i18n/ru.json');
  agreements: typeof import('../modules/agreements/i18n/ru.json');
  backoffice: typeof import('../modules/backoffice/i18n/ru.json');
  carts: typeof import('../modules/carts/i18n/ru.json');
  catalog: typeof import('../modules/catalog/i18n/ru.json');
  chat: typeof import('../modules/chat/i18n/ru.json');
  'chat-admin': typeof import('../modules/chat-admin/i18n/ru.json');
  'catalog-transfer': typeof import('../modules/catalog-transfer/i18n/ru.json');
  companies: typeof import('../modules/companies/i18n/ru.json');
  customer360: typeof import('../modules/customer360/i18n/ru.json');
  'catalog-admin': typeof import('../modules/catalog-admin/i18n/ru.json');
  'delivery-admin': typeof import('../modules/delivery-admin/i18n/ru.json');
  'sla-admin': typeof import('../modules/sla-admin/i18n/ru.json');
  devmail: typeof import('../modules/devmail/i18n/ru.json');
  documents: typeof import('../modules/documents/i18n/ru.json');
  'order-aftercare': typeof import('../modules/order-aftercare/i18n/ru.json');
  'orders-admin': typeof import('../modules/orders-admin/i18n/ru.json');
  external: typeof import('../modules/external/i18n/ru.json');
  devsms: typeof import('../modules/devsms/i18n/ru.json');
  exchange1c: typeof import('../modules/exchange1c/i18n/ru.json');
  finance: typeof import('../modules/finance/i18n/ru.json');
  home: typeof import('../modules/home/i18n/ru.json');
  identity: typeof import('../modules/identity/i18n/ru.json');
  kb: typeof import('../modules/kb/i18n/ru.json');
  'kb-admin': typeof import('../modules/kb-admin/i18n/ru.json');
  loyalty: typeof import('../modules/loyalty/i18n/ru.json');
  'loyalty-card': typeof import('../modules/loyalty-card/i18n/ru.json');
  offers: typeof import('../modules/offers/i18n/ru.json');
  promotions: typeof import('../modules/promotions/i18n/ru.json');
  referrals: typeof import('../modules/referrals/i18n/ru.json');
  subscriptions: typeof import('../modules/subscriptions/i18n/ru.json');
  notifications: typeof import('../modules/notifications/i18n/ru.json');
  orders: typeof import('../modules/orders/i18n/ru.json');
  profile: typeof import('../modules/profile/i18n/ru.json');
  reconciliations: typeof import('../modules/reconciliations/i18n/ru.json');
  support: typeof import('../modules/support/i18n/ru.json');
  'security-settings': typeof import('../modules/security-settings/i18n/ru.json');
  'support-reports': typeof import('../modules/support-reports/i18n/ru.json');
  'seller-settings': typeof import('../modules/seller-settings/i18n/ru.json');
  'support-desk': typeof import('../modules/support-desk/i18n/ru.json');
  twofactor: typeof import('../modules/twofactor/i18n/ru.json');
};

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown>
    ? Leaves<T[K], `${Prefix}${K}.`>
    : `${Prefix}${K}`;
}[keyof T & string];

/** Every translation key (ru and en have the same keys), e.g. `nav.home` or `identity.signIn.title`. */
export type TranslationKey = Leaves<Texts>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Texts };
  }
}
