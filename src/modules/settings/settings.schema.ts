import { z } from 'zod';
import { creditOverLimitPolicies } from '../../shared/orders.js';
import {
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOgrnip,
  isValidSettlementAccount,
} from '../../shared/requisites.js';

export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1c7ed6');

/** The business's branding, stored under the `branding` key. */
export const brandingSchema = z.object({
  name: z.string().min(1).max(120),
  logoUrl: z.string().max(2048).nullable(),
  primaryColor: hexColor,
  defaultLanguage: z.enum(['ru', 'en']),
});

export type Branding = z.infer<typeof brandingSchema>;

export const defaultBranding: Branding = {
  name: 'Kabinet',
  logoUrl: null,
  primaryColor: '#1c6dd0',
  defaultLanguage: 'ru',
};

export const publicSettingsSchema = brandingSchema
  .extend({
    languages: z.array(z.enum(['ru', 'en'])),
    demo: z.boolean(),
    version: z.string(),
  })
  .meta({ id: 'PublicSettings' });

/** Business rules of ordering (docs/orders.md, "Credit limit"). */
export const ordersSettingsSchema = z.object({
  /** A company order paid `deferred` that would exceed the credit limit: refused, or sent to an approver. */
  creditOverLimit: z.enum(creditOverLimitPolicies),
});
export type OrdersSettings = z.infer<typeof ordersSettingsSchema>;
export const defaultOrdersSettings: OrdersSettings = { creditOverLimit: 'refuse' };

const optionalChecked = (max: number, ok: (v: string) => boolean, message: string) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => v === '' || ok(v), message);

/**
 * The business's own requisites, printed as the seller on its documents (docs/documents.md, "Seller
 * requisites"). A field may stay empty while being filled in; a filled one must pass its checksum. What a
 * document needs is checked when it is generated (MISSING_REQUISITES names the empty fields).
 */
export const sellerRequisitesSchema = z.object({
  /** «ООО «Ромашка»» or «ИП Иванов Иван Иванович». */
  name: z.string().trim().max(300),
  inn: optionalChecked(12, isValidInn, 'ИНН: 10 or 12 digits with valid check digits'),
  /** Empty for a sole trader. */
  kpp: optionalChecked(9, isValidKpp, 'КПП: 9 characters'),
  ogrn: optionalChecked(
    15,
    (v) => (v.length === 15 ? isValidOgrnip(v) : isValidOgrn(v)),
    'ОГРН (13 digits) or ОГРНИП (15 digits) with a valid check digit',
  ),
  address: z.string().trim().max(500),
  phone: z.string().trim().max(60),
  bank: z
    .object({
      name: z.string().trim().max(300),
      bic: optionalChecked(9, isValidBik, 'БИК: 9 digits starting with 04'),
      corrAccount: z.string().trim().max(20),
      account: z.string().trim().max(20),
    })
    .superRefine((b, ctx) => {
      // Account keys are computed with the БИК, so they are judged only against a valid one.
      if (b.corrAccount !== '' && !(isValidBik(b.bic) && isValidCorrespondentAccount(b.corrAccount, b.bic)))
        ctx.addIssue({ code: 'custom', path: ['corrAccount'], message: 'Корр. счёт does not match the БИК' });
      if (b.account !== '' && !(isValidBik(b.bic) && isValidSettlementAccount(b.account, b.bic)))
        ctx.addIssue({ code: 'custom', path: ['account'], message: 'Расчётный счёт does not match the БИК' });
    }),
  signatories: z.object({
    director: z.object({ name: z.string().trim().max(200), title: z.string().trim().max(200) }),
    accountant: z.object({ name: z.string().trim().max(200) }),
  }),
  /** VAT rate of the lines that carry none; null = «без НДС». */
  vatRate: z.union([z.literal(20), z.literal(10), z.literal(0), z.null()]),
  /** Days the buyer has to pay an invoice («Оплатить не позднее»). */
  paymentDays: z.number().int().min(0).max(365),
  /** Extra terms printed under the invoice, one paragraph per line. */
  paymentTerms: z.string().max(2000),
});
export type SellerRequisites = z.infer<typeof sellerRequisitesSchema>;
export const defaultSellerRequisites: SellerRequisites = {
  name: '',
  inn: '',
  kpp: '',
  ogrn: '',
  address: '',
  phone: '',
  bank: { name: '', bic: '', corrAccount: '', account: '' },
  signatories: { director: { name: '', title: 'Генеральный директор' }, accountant: { name: '' } },
  vatRate: 20,
  paymentDays: 5,
  paymentTerms: '',
};
