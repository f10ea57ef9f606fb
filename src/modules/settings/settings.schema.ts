import { z } from 'zod';
import { creditOverLimitPolicies } from '../../shared/orders.js';

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
