import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testOrigin } from '../../../test/app.js';

// A real SMTP server on loopback receives what the app sends when SMTP_URL is set.
interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  data: string;
}
const received: Received[] = [];
let smtp: SMTPServer;
let t: TestApp;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'kabinet' && auth.password === 'secret')
        return callback(null, { user: auth.username });
      return callback(new Error('bad credentials'));
    },
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk) => {
        data += chunk;
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await buildTestApp({
    smtpUrl: `smtp://kabinet:secret@127.0.0.1:${port}`,
    mailFrom: 'Portal <portal@example.ru>',
  });
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('SMTP transport', () => {
  it('delivers queued mail to the SMTP server, authenticated, in the recipient language', async () => {
    const cookie = await t.operator();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/mail/test',
      headers: { cookie, origin: testOrigin },
      payload: { to: 'client@example.ru', locale: 'en' },
    });
    expect(res.statusCode).toBe(202);
    await t.drainJobs();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      from: 'portal@example.ru',
      to: ['client@example.ru'],
      user: 'kabinet',
    });
    expect(received[0]?.data).toContain('Subject: Kabinet mail check');
    const mailbox = await t.app.inject({ url: '/api/v1/admin/dev-mailbox', headers: { cookie } });
    expect(mailbox.json().items).toEqual([]);
  });
});
