import { z } from 'zod';

/** A quantity: positive, at most three decimals (metres, kilograms), and not absurd. */
const quantityField = z
  .number()
  .positive()
  .max(1_000_000)
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'At most three decimals');

/** The cost calculator's question: up to 500 lines (a large cart) of a variant and a quantity. */
export const quoteBody = z
  .object({
    lines: z
      .array(z.object({ variantId: z.uuid(), quantity: quantityField }))
      .min(1)
      .max(500),
  })
  .meta({ id: 'PriceQuoteRequest' });

const discountSchema = z.object({
  id: z.string(),
  name: z.string(),
  percentBp: z.number().describe('Hundredths of a percent: 1200 = 12%'),
  minQty: z.number(),
  scope: z.string(),
});

const ruleSchema = z.object({
  source: z.enum(['default', 'group', 'contract']),
  priceListId: z.string(),
  priceListName: z.string(),
  breakMinQty: z.number().nullable(),
  discount: discountSchema.nullable(),
  promo: z.object({ id: z.string(), name: z.string(), endsAt: z.string() }).nullable(),
});

/** One line of the answer: its price and the rule that made it, or a problem and no price. */
export const quoteLineSchema = z
  .object({
    variantId: z.string(),
    productId: z.string().nullable(),
    quantity: z.number(),
    problem: z
      .object({
        code: z.enum(['NOT_FOUND', 'UNAVAILABLE', 'NO_PRICE']),
        detail: z.string(),
      })
      .nullable(),
    currency: z.string().nullable(),
    unitPrice: z.number().nullable().describe('Kopecks per unit, after the rule'),
    listPrice: z
      .number()
      .nullable()
      .describe('Kopecks per unit from the winning price list at this quantity'),
    basePrice: z
      .number()
      .nullable()
      .describe('Kopecks per unit in the default (retail) list, for a "was" price'),
    total: z.number().nullable(),
    rule: ruleSchema.nullable(),
    breaks: z.array(
      z.object({ minQty: z.number(), unitPrice: z.number(), listPrice: z.number().nullable() }),
    ),
  })
  .meta({ id: 'PriceQuoteLine' });

export const quoteSchema = z
  .object({
    lines: z.array(quoteLineSchema),
    total: z
      .object({ amount: z.number(), currency: z.string() })
      .nullable()
      .describe('Sum of the priced lines; null when no line is priced or they are in several currencies'),
    totals: z.array(z.object({ amount: z.number(), currency: z.string() })),
  })
  .meta({ id: 'PriceQuote' });

export type QuoteBody = z.infer<typeof quoteBody>;
export type Quote = z.infer<typeof quoteSchema>;
export type QuoteLine = z.infer<typeof quoteLineSchema>;
