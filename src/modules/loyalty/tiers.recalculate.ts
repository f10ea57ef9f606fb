import type { Db } from '../../server/core/db.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { notify } from '../notifications/index.js';
import { getPerson } from '../people/people.service.js';
import { setTier } from './accounts.service.js';
import { tierChangedMail } from './tiers.mail.js';
import { listTiers, type TierInfo, tierChangesAt } from './tiers.service.js';

/** Where the person reads their card and tier in the web app. */
export const cardLink = '/loyalty/card';

export interface RecalculationResult {
  /** People whose tier changed (each notified once). */
  changed: number;
  upgraded: number;
  downgraded: number;
}

/**
 * Puts everyone in the tier their spend over the rolling period before `now` gives (the daily job and the back
 * office's «recalculate now»). Each change, its in-app notification and its mail commit together, so a rerun (or a
 * retried job) finds nothing left to change and notifies no one twice.
 */
export async function recalculateTiers(db: Db, now: Date, publicUrl: string): Promise<RecalculationResult> {
  const [changes, tiers] = await Promise.all([tierChangesAt(db, now), listTiers(db)]);
  const byCode = new Map(tiers.map((t) => [t.code, t]));
  const result: RecalculationResult = { changed: 0, upgraded: 0, downgraded: 0 };
  for (const change of changes) {
    const to = change.to ? (byCode.get(change.to) ?? null) : null;
    const from = change.from ? (byCode.get(change.from) ?? null) : null;
    const up = (to?.minSpend ?? -1) > (from?.minSpend ?? -1);
    const done = await db.transaction(async (tx) => {
      if (!(await setTier(tx, change.personId, change.to, now))) return false;
      await notifyTierChange(tx, change.personId, to, up, publicUrl);
      return true;
    });
    if (!done) continue;
    result.changed++;
    if (up) result.upgraded++;
    else result.downgraded++;
  }
  return result;
}

/** In-app notification and mail, in the person's language. */
async function notifyTierChange(
  db: Db,
  personId: string,
  to: TierInfo | null,
  up: boolean,
  publicUrl: string,
) {
  const title = !to
    ? { ru: 'Уровень в программе лояльности снят', en: 'Your loyalty tier has ended' }
    : up
      ? { ru: `Ваш уровень повышен: «${to.names.ru}»`, en: `You moved up to ${to.names.en}` }
      : { ru: `Ваш уровень теперь «${to.names.ru}»`, en: `Your tier is now ${to.names.en}` };
  const body = to
    ? {
        ru: `Бонусы начисляются по ставке ${to.accrualBp / 100} %.`,
        en: `Your purchases earn ${to.accrualBp / 100}% in points.`,
      }
    : { ru: 'Бонусы начисляются по базовой ставке.', en: 'Points accrue at the base rate.' };
  await notify(db, {
    userIds: [personId],
    kind: 'loyalty.tier',
    title,
    body,
    link: cardLink,
    data: { tier: to?.code ?? null, up },
  });
  const person = await getPerson(db, personId);
  if (!person?.email) return;
  const locale = person.locale === 'en' ? 'en' : 'ru';
  await queueMail(db, {
    to: person.email,
    template: tierChangedMail.name,
    locale,
    vars: { tier: to ? to.names[locale] : '', up, url: `${publicUrl}${cardLink}` },
  });
}
