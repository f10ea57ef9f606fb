import { eq, or } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { referralCodes, referrals } from './referrals.tables.js';

/**
 * The person's referral code and the referrals they are a side of (the other side by id only). On erasure the
 * code goes and so do those referrals: points already awarded stay in the loyalty ledger.
 */
export const referralsPersonalData: PersonalDataProvider[] = [
  {
    key: 'referrals',
    async export({ db, userId }) {
      const [code] = await db.select().from(referralCodes).where(eq(referralCodes.personId, userId));
      const rows = await db
        .select()
        .from(referrals)
        .where(or(eq(referrals.referrerId, userId), eq(referrals.friendId, userId)));
      return {
        code: code?.code ?? null,
        referrals: rows.map((r) => ({
          role: r.referrerId === userId ? 'referrer' : 'friend',
          code: r.code,
          status: r.status,
          rejectReason: r.rejectReason,
          orderNumber: r.orderNumber,
          points: r.referrerId === userId ? r.referrerPoints : r.friendPoints,
          joinedAt: r.joinedAt.toISOString(),
          decidedAt: r.decidedAt?.toISOString() ?? null,
        })),
      };
    },
    async erase({ db, userId }) {
      await db.delete(referrals).where(or(eq(referrals.referrerId, userId), eq(referrals.friendId, userId)));
      await db.delete(referralCodes).where(eq(referralCodes.personId, userId));
    },
  },
];
