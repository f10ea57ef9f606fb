import { eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { auditLog } from './audit.tables.js';

/** Lets anonymising updates of audit_log through the append-only trigger, for this transaction only. */
export async function allowAuditAnonymisation(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('kabinet.audit_anonymise', 'on', true)`);
}

const aboutPerson = (userId: string, identifiers: string[]) =>
  or(
    eq(auditLog.actorId, userId),
    eq(auditLog.subject, userId),
    ...identifiers.map((value) => sql`lower(${auditLog.subject}) = ${value}`),
  );

/** Replaces the person's identifiers anywhere in a JSON value. */
function scrub(value: unknown, identifiers: Set<string>, replacement: string): unknown {
  if (typeof value === 'string') return identifiers.has(value.toLowerCase()) ? replacement : value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, identifiers, replacement));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, identifiers, replacement)]));
  }
  return value;
}

/**
 * Audit entries by or about the person. Erasure keeps every entry (what happened and when) but replaces
 * the person's e-mail, name and phone with a placeholder and drops the IP and browser of their own actions;
 * the actor id stays, pointing at the anonymised user row.
 */
export const auditPersonalData: PersonalDataProvider[] = [
  {
    key: 'audit',
    export: async ({ db, userId, person }) => {
      const identifiers = [person.email.toLowerCase(), ...(person.phone ? [person.phone] : [])];
      const rows = await db
        .select()
        .from(auditLog)
        .where(aboutPerson(userId, identifiers))
        .orderBy(auditLog.id);
      return rows.map((r) => ({
        at: r.at,
        action: r.action,
        subject: r.subject,
        byYou: r.actorId === userId,
        ip: r.actorId === userId ? r.ip : null,
        userAgent: r.actorId === userId ? r.userAgent : null,
        details: r.details,
      }));
    },
    erase: async ({ db, userId, person }) => {
      const identifiers = [
        person.email.toLowerCase(),
        person.name.toLowerCase(),
        ...(person.phone ? [person.phone] : []),
      ];
      const replacement = `deleted-${userId}`;
      const rows = await db
        .select()
        .from(auditLog)
        .where(
          aboutPerson(
            userId,
            identifiers.filter((i) => i !== person.name.toLowerCase()),
          ),
        );
      const set = new Set(identifiers);
      for (const row of rows) {
        // Anonymous attempts on their address (failed sign-ins) came from them or at them: drop the IP too.
        const own = row.actorId === userId || row.actorKind === 'anonymous';
        await db
          .update(auditLog)
          .set({
            subject: row.subject && set.has(row.subject.toLowerCase()) ? replacement : row.subject,
            ip: own ? null : row.ip,
            userAgent: own ? null : row.userAgent,
            details: scrub(row.details, set, replacement) as Record<string, unknown>,
          })
          .where(eq(auditLog.id, row.id));
      }
    },
  },
];
