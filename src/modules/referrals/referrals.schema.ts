import { z } from 'zod';
import { pageQuery } from '../../server/core/pagination.js';
import { referralStatuses, rejectReasons } from './referrals.tables.js';

export const referralSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    /** The inviter, first name and initial. */
    referrer: z.string(),
    /** The friend, first name and initial. */
    friend: z.string(),
    status: z.enum(referralStatuses),
    rejectReason: z.enum(rejectReasons).nullable(),
    orderNumber: z.string().nullable(),
    referrerPoints: z.number().int(),
    friendPoints: z.number().int(),
    joinedAt: z.string(),
    orderedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'Referral' });

export const termsSchema = z.object({
  enabled: z.boolean(),
  referrerPoints: z.number().int(),
  friendPoints: z.number().int(),
  minOrderAmount: z.number().int(),
});

export const myReferralsSchema = z
  .object({
    code: z.string(),
    link: z.string(),
    terms: termsSchema,
    invited: z.array(referralSchema),
    joinedBy: referralSchema.nullable(),
    canClaim: z.boolean(),
  })
  .meta({ id: 'MyReferrals' });

export const claimBody = z.object({ code: z.string().trim().min(1).max(32) });
export const idParams = z.object({ id: z.string().max(64) });
export const codeParams = z.object({ code: z.string().max(32) });

export const landingSchema = z
  .object({
    code: z.string(),
    referrer: z.string(),
    enabled: z.boolean(),
    friendPoints: z.number().int(),
    minOrderAmount: z.number().int(),
  })
  .meta({ id: 'ReferralLanding' });

const personRef = z.object({ id: z.string(), name: z.string(), email: z.string() });
export const adminReferralSchema = referralSchema
  .omit({ referrer: true, friend: true })
  .extend({ referrer: personRef, friend: personRef })
  .meta({ id: 'AdminReferral' });

export const adminListQuery = pageQuery.extend({ status: z.enum(referralStatuses).optional() });
export const adminListSchema = z.object({
  items: z.array(adminReferralSchema),
  nextCursor: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
});
