import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import {
  agreementApprovalCodes,
  agreementComments,
  agreementDecisions,
  agreementVersions,
} from './agreements.tables.js';

/**
 * What the person wrote and decided on agreements. On erasure the live approval codes go and comments lose
 * the author's name; versions and decisions stay as they are: they are the evidence of what the parties
 * agreed, a contract record the business must keep.
 */
export const agreementsPersonalData: PersonalDataProvider[] = [
  {
    key: 'agreements',
    async export({ db, userId }) {
      const [comments, decisions, versions] = await Promise.all([
        db.select().from(agreementComments).where(eq(agreementComments.authorId, userId)),
        db.select().from(agreementDecisions).where(eq(agreementDecisions.personId, userId)),
        db.select().from(agreementVersions).where(eq(agreementVersions.uploadedBy, userId)),
      ]);
      return {
        comments: comments.map((c) => ({
          agreementId: c.agreementId,
          versionId: c.versionId,
          text: c.text,
          at: c.createdAt,
        })),
        decisions: decisions.map((d) => ({
          agreementId: d.agreementId,
          versionId: d.versionId,
          decision: d.decision,
          comment: d.comment,
          sha256: d.sha256,
          confirmation: d.confirmation,
          confirmedTo: d.confirmedTo,
          ip: d.ip,
          userAgent: d.userAgent,
          at: d.createdAt,
        })),
        versionsUploaded: versions.map((v) => ({
          agreementId: v.agreementId,
          number: v.number,
          fileName: v.fileName,
          at: v.createdAt,
        })),
      };
    },
    async erase({ db, userId }) {
      await db.delete(agreementApprovalCodes).where(eq(agreementApprovalCodes.personId, userId));
      await db
        .update(agreementComments)
        .set({ authorName: '—' })
        .where(eq(agreementComments.authorId, userId));
    },
  },
];
