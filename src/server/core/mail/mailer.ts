import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Db } from '../db.js';
import { defineJob } from '../jobs/job-definition.js';
import { enqueueJob } from '../jobs/queue.js';
import { type Locale, type RenderedMail, renderMail } from './templates.js';

export interface OutgoingMail extends RenderedMail {
  from: string;
  to: string;
  locale: Locale;
  template: string;
}

/** Where rendered mail goes: SMTP in production, the dev mailbox when SMTP_URL is not set. */
export interface MailTransport {
  kind: 'smtp' | 'dev-mailbox';
  send(db: Db, mail: OutgoingMail): Promise<void>;
  close?(): void;
}

/** SMTP through nodemailer; the URL carries host, port, credentials and TLS (smtp:// or smtps://). */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(_db, mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
      });
    },
    close: () => transporter.close(),
  };
}

const sendMailPayload = z.object({
  to: z.string().min(3),
  template: z.string().min(1),
  locale: z.enum(['ru', 'en']).default('ru'),
  vars: z.record(z.string(), z.unknown()).default({}),
});

export type MailRequest = z.input<typeof sendMailPayload>;

/** Queues a templated message; pass the caller's transaction so mail is sent only if it commits. */
export async function queueMail(db: Db, request: MailRequest): Promise<void> {
  await enqueueJob(db, 'mail.send', sendMailPayload.parse(request));
}

/** The job that renders and sends one message; retried with backoff when the transport fails. */
export function sendMailJob(transport: MailTransport, from: string) {
  return defineJob({
    name: 'mail.send',
    payload: sendMailPayload,
    maxAttempts: 8,
    async handler({ payload, db }) {
      const rendered = renderMail(payload.template, payload.locale, payload.vars);
      await transport.send(db, {
        ...rendered,
        from,
        to: payload.to,
        locale: payload.locale,
        template: payload.template,
      });
    },
  });
}
