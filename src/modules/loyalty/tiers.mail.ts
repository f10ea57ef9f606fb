import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';

/** To the person: the recalculation moved them to another tier (or out of every tier). */
export const tierChangedMail = defineMailTemplate<{
  /** The new tier's name in the mail's language; empty when the person left every tier. */
  tier: string;
  up: boolean;
  url: string;
}>('loyalty.tier_changed', {
  ru: (v) => {
    const subject = !v.tier
      ? 'Уровень в программе лояльности снят'
      : v.up
        ? `Поздравляем: ваш уровень — «${v.tier}»`
        : `Ваш уровень в программе лояльности — «${v.tier}»`;
    const line = !v.tier
      ? 'Покупок за расчётный период стало меньше порога первого уровня, поэтому уровень снят. Бонусы начисляются по базовой ставке.'
      : v.up
        ? `Ваш уровень повышен до «${v.tier}»: бонусов за покупки станет больше.`
        : `Покупок за расчётный период стало меньше, ваш уровень теперь «${v.tier}».`;
    return {
      subject,
      text: `Здравствуйте!\n\n${line}\n\nКарта и уровень: ${v.url}`,
      html: `<p>Здравствуйте!</p><p>${escapeHtml(line)}</p><p><a href="${escapeHtml(v.url)}">Карта и уровень</a></p>`,
    };
  },
  en: (v) => {
    const subject = !v.tier
      ? 'Your loyalty tier has ended'
      : v.up
        ? `Congratulations: you are now ${v.tier}`
        : `Your loyalty tier is now ${v.tier}`;
    const line = !v.tier
      ? 'Your spend over the period fell below the first tier, so your tier has ended. Points accrue at the base rate.'
      : v.up
        ? `You moved up to ${v.tier}: your purchases earn more points.`
        : `Your spend over the period fell, so your tier is now ${v.tier}.`;
    return {
      subject,
      text: `Hello,\n\n${line}\n\nYour card and tier: ${v.url}`,
      html: `<p>Hello,</p><p>${escapeHtml(line)}</p><p><a href="${escapeHtml(v.url)}">Your card and tier</a></p>`,
    };
  },
});
