import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';

/** The one-time code that confirms an approval (a simple electronic signature, docs/agreements.md). */
export const approvalCodeMail = defineMailTemplate<{
  code: string;
  title: string;
  version: number;
  minutes: number;
}>('agreements.approval_code', {
  ru: (v) => ({
    subject: `Код подтверждения согласования: ${v.code}`,
    text: `Код ${v.code} подтверждает согласование документа «${v.title}», версия ${v.version}.\n\nКод действует ${v.minutes} минут. Вводя его, вы подписываете документ простой электронной подписью. Если вы не запрашивали код, не сообщайте его никому.`,
    html: `<p>Код <b>${escapeHtml(v.code)}</b> подтверждает согласование документа «${escapeHtml(v.title)}», версия ${v.version}.</p><p>Код действует ${v.minutes} минут. Вводя его, вы подписываете документ простой электронной подписью. Если вы не запрашивали код, не сообщайте его никому.</p>`,
  }),
  en: (v) => ({
    subject: `Approval confirmation code: ${v.code}`,
    text: `Code ${v.code} confirms your approval of "${v.title}", version ${v.version}.\n\nThe code is valid for ${v.minutes} minutes. Entering it signs the document with a simple electronic signature. If you did not ask for it, do not share it.`,
  }),
});

const eventRu: Record<string, string> = {
  version: 'новая версия',
  comment: 'новый комментарий',
  approved: 'согласован',
  rejected: 'отклонён',
};
const eventEn: Record<string, string> = {
  version: 'new version',
  comment: 'new comment',
  approved: 'approved',
  rejected: 'rejected',
};

/** Something happened on an agreement: a version, a comment or a decision of the other side. */
export const agreementActivityMail = defineMailTemplate<{
  title: string;
  event: 'version' | 'comment' | 'approved' | 'rejected';
  version: number;
  who: string;
  text: string | null;
  url: string;
}>('agreements.activity', {
  ru: (v) => ({
    subject: `«${v.title}»: ${eventRu[v.event]}`,
    text: `${v.who}: ${eventRu[v.event]} (версия ${v.version}).${v.text ? `\n\n${v.text}` : ''}\n\nОткрыть: ${v.url}`,
  }),
  en: (v) => ({
    subject: `"${v.title}": ${eventEn[v.event]}`,
    text: `${v.who}: ${eventEn[v.event]} (version ${v.version}).${v.text ? `\n\n${v.text}` : ''}\n\nOpen: ${v.url}`,
  }),
});
