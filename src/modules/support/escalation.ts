import { sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { notify } from '../notifications/index.js';
import { writeEvent } from './desk.events.js';
import { staffHolding } from './desk.staff.js';

type Target = 'first_response' | 'resolution';

interface Escalated {
  id: string;
  number: string;
  subject: string;
  assignee_id: string | null;
  priority: string;
}

const targetText: Record<Target, { ru: string; en: string }> = {
  first_response: { ru: 'просрочен первый ответ', en: 'first response overdue' },
  resolution: { ru: 'просрочено решение', en: 'resolution overdue' },
};

/**
 * Marks breached requests as escalated, each target at most once: the `… is null` condition and the update
 * happen in one statement, so two runs or two server processes never escalate the same breach twice.
 */
async function claim(tx: Db, target: Target, now: Date): Promise<Escalated[]> {
  const at = now.toISOString();
  const bump = sql.raw(
    `(case priority when 'low' then 'normal' when 'normal' then 'high' else 'urgent' end)`,
  );
  const result =
    target === 'first_response'
      ? await tx.execute(sql`
          update tickets set first_response_escalated_at = ${at}::timestamptz, priority = ${bump},
            updated_at = ${at}::timestamptz
          where status in ('new', 'open', 'pending') and first_responded_at is null
            and first_response_escalated_at is null and first_response_due_at <= ${at}::timestamptz
          returning id, number, subject, assignee_id, priority`)
      : await tx.execute(sql`
          update tickets set resolution_escalated_at = ${at}::timestamptz, priority = ${bump},
            updated_at = ${at}::timestamptz
          where status in ('new', 'open', 'pending') and resolved_at is null
            and resolution_escalated_at is null and resolution_due_at <= ${at}::timestamptz
          returning id, number, subject, assignee_id, priority`);
  return (result as unknown as { rows: Escalated[] }).rows;
}

/** Escalates every breach due by `now`: priority one step up, an event, and in-app notices. */
export async function escalateBreaches(db: Db, now = new Date()): Promise<number> {
  let count = 0;
  await db.transaction(async (tx) => {
    let managers: string[] | null = null;
    for (const target of ['first_response', 'resolution'] as const) {
      const rows = await claim(tx, target, now);
      if (rows.length === 0) continue;
      managers ??= (await staffHolding(tx, 'support.manage')).map((p) => p.id);
      for (const t of rows) {
        count++;
        const text = targetText[target];
        await writeEvent(
          tx,
          t.id,
          null,
          `Эскалация: ${text.ru}`,
          {
            type: 'escalated',
            target,
            priority: t.priority,
          },
          now,
        );
        await notify(tx, {
          userIds: [...managers, ...(t.assignee_id ? [t.assignee_id] : [])],
          kind: 'support.escalated',
          title: { ru: `${t.number}: ${text.ru}`, en: `${t.number}: ${text.en}` },
          body: { ru: t.subject, en: t.subject },
          link: `/admin/support?ticket=${t.id}`,
          data: { ticketId: t.id, target },
        });
      }
    }
  });
  return count;
}
