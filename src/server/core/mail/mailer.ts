import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Db } from '../db.js';
import { defineJob } from '../jobs/job-definition.js';
import { enqueueJob, enqueueJobs } from '../jobs/queue.js';
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
  /** Several messages at once, all or none (the dev mailbox: one insert); without it mail goes one by one. */
  sendMany?(db: Db, mails: OutgoingMail[]): Promise<void>;
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

/** Queues several messages in one insert (a batch of notifications). */
export async function queueMails(db: Db, requests: readonly MailRequest[]): Promise<void> {
  await enqueueJobs(
    db,
    requests.map((r) => ({ name: 'mail.send', payload: sendMailPayload.parse(r) })),
  );
}

/** The job that renders and sends one message; retried with backoff when the transport fails. */
export function sendMailJob(transport: MailTransport, from: string) {
  const outgoing = (payload: z.output<typeof sendMailPayload>): OutgoingMail => ({
    ...renderMail(payload.template, payload.locale, payload.vars),
    from,
    to: payload.to,
    locale: payload.locale,
    template: payload.template,
  });
  const sendMany = transport.sendMany;
  return defineJob<typeof sendMailPayload>({
    name: 'mail.send',
    payload: sendMailPayload,
    maxAttempts: 8,
    async handler({ payload, db }) {
      await transport.send(db, outgoing(payload));
    },
    // A transport that takes many at once (the dev mailbox) gets a busy order flow's mail in batches.
    ...(sendMany
      ? {
          batch: {
            size: 200,
            handler: ({ jobs, db }) =>
              sendMany(
                db,
                jobs.map((j) => outgoing(j.payload)),
              ),
          },
        }
      : {}),
  });
}
