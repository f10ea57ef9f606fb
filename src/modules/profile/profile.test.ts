import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobs } from '../../server/core/jobs/jobs.tables.js';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import { buildTestApp, testOrigin as origin, type TestApp } from '../../test/app.js';
import { readZip } from '../../test/zip.js';
import { auditLog } from '../audit/audit.tables.js';
import { ensureCompany, ensureMember } from '../companies/companies.service.js';
import { accounts, sessions } from '../identity/identity.tables.js';
import { setPassword } from '../identity/passwords.js';
import { ensurePerson, getPerson } from '../people/people.service.js';
import { accountDeletions } from './profile.tables.js';

const password = 'profile-test-password';
let t: TestApp;
let operator: string;

beforeAll(async () => {
  t = await buildTestApp();
  operator = await t.operator();
});
afterAll(async () => t?.close());

let counter = 0;
/** A fresh verified person with a password; returns their id, e-mail and a signed-in cookie. */
async function person(name = 'Анна Петрова') {
  counter += 1;
  const email = `profile.person${counter}@example.ru`;
  const id = await ensurePerson(t.db, { name, email, emailVerified: true });
  await setPassword(t.db, id, password);
  return { id, email, cookie: await signIn(email) };
}

async function signIn(
  email: string,
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36',
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in/email',
    payload: { email, password },
    headers: { origin, 'user-agent': userAgent },
  });
  const cookie = res.cookies.find((c) => c.name.endsWith('session_token'));
  if (!cookie) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return `${cookie.name}=${cookie.value}`;
}

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie?: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { origin, ...(cookie ? { cookie } : {}) },
  });

function multipart(data: Buffer, filename = 'photo.png', type = 'image/png') {
  const boundary = `----kabinet${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const uploadAvatar = (cookie: string, body: ReturnType<typeof multipart>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/me/avatar',
    payload: body.payload,
    headers: { origin, cookie, ...body.headers },
  });

async function mailTo(to: string) {
  await t.drainJobs();
  const list = await t.app.inject({
    url: `/api/v1/admin/dev-mailbox?to=${to}`,
    headers: { cookie: operator },
  });
  const items = list.json().items as { id: string }[];
  return Promise.all(
    items.map(
      async (m) =>
        (
          await t.app.inject({ url: `/api/v1/admin/dev-mailbox/${m.id}`, headers: { cookie: operator } })
        ).json().text as string,
    ),
  );
}

const auditOf = (action: string, subject: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(sql`${auditLog.action} = ${action} and ${auditLog.subject} = ${subject}`);

describe('profile', () => {
  it('shows and changes name, language and time zone, audited', async () => {
    const me = await person();
    const shown = await call('GET', '/api/v1/me/profile', me.cookie);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ email: me.email, locale: 'ru', timeZone: 'Europe/Moscow' });
    const changed = await call('PATCH', '/api/v1/me/profile', me.cookie, {
      name: 'Anna Petrova',
      locale: 'en',
      timeZone: 'Asia/Yekaterinburg',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'Anna Petrova',
      locale: 'en',
      timeZone: 'Asia/Yekaterinburg',
    });
    expect(await auditOf('profile.updated', me.id)).toHaveLength(1);
  });

  it('refuses an unknown time zone, an empty name and a guest', async () => {
    const me = await person();
    const zone = await call('PATCH', '/api/v1/me/profile', me.cookie, { timeZone: 'Mars/Olympus' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().errors[0].path).toBe('timeZone');
    expect((await call('PATCH', '/api/v1/me/profile', me.cookie, { name: '  ' })).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/me/profile')).statusCode).toBe(401);
  });
});

describe('avatar', () => {
  it('resizes an upload to a 256 px WebP that signed-in people can see, and removes it', async () => {
    const me = await person();
    const other = await person();
    const png = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#0b7285' } })
      .png()
      .toBuffer();
    const uploaded = await uploadAvatar(me.cookie, multipart(png));
    expect(uploaded.statusCode).toBe(200);
    const url = uploaded.json().avatarUrl as string;
    expect(url).toMatch(new RegExp(`^/api/v1/avatars/${me.id}\\?v=`));
    expect((await call('GET', '/api/v1/me/profile', me.cookie)).json().avatarUrl).toBe(url);

    const seen = await call('GET', url, other.cookie);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/webp');
    const meta = await sharp(seen.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 256]);
    expect((await call('GET', url)).statusCode).toBe(401);

    expect((await call('DELETE', '/api/v1/me/avatar', me.cookie)).statusCode).toBe(204);
    expect((await call('GET', url, other.cookie)).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/me/profile', me.cookie)).json().avatarUrl).toBeNull();
  });

  it('checks the content, not the name: a text file called .png is 415', async () => {
    const me = await person();
    const res = await uploadAvatar(me.cookie, multipart(Buffer.from('not an image at all'), 'x.png'));
    expect(res.statusCode).toBe(415);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    expect((await uploadAvatar(me.cookie, multipart(svg, 'a.svg', 'image/svg+xml'))).statusCode).toBe(415);
  });

  it('refuses a file over 5 MB with 413, a body that is not multipart with 415 and no file with 400', async () => {
    const me = await person();
    const big = await uploadAvatar(me.cookie, multipart(randomBytes(5 * 1024 * 1024 + 10)));
    expect(big.statusCode).toBe(413);
    const json = await call('POST', '/api/v1/me/avatar', me.cookie, { file: 'x' });
    expect(json.statusCode).toBe(415);
    const boundary = '----kabinet-empty';
    const noFile = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/avatar',
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      headers: { origin, cookie: me.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(noFile.statusCode).toBe(400);
  });
});

describe('e-mail change', () => {
  it('changes the address only after the link sent to the new address is followed', async () => {
    const me = await person();
    const newEmail = `renamed.${me.id.slice(-6)}@example.ru`;
    const asked = await call('POST', '/api/v1/me/email-change', me.cookie, { email: newEmail });
    expect(asked.statusCode).toBe(202);
    expect((await getPerson(t.db, me.id))?.email).toBe(me.email);
    expect((await call('GET', '/api/v1/me/profile', me.cookie)).json().pendingEmail.email).toBe(newEmail);

    const [mail] = await mailTo(newEmail);
    const token = new URL(/https?:\/\/\S+/.exec(mail as string)?.[0] as string).searchParams.get('token');
    expect(
      (await call('POST', '/api/v1/me/email-change/confirm', undefined, { token: 'x'.repeat(43) }))
        .statusCode,
    ).toBe(400);
    const confirmed = await call('POST', '/api/v1/me/email-change/confirm', undefined, {
      token: token as string,
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await getPerson(t.db, me.id))?.email).toBe(newEmail);
    expect(await auditOf('profile.email_changed', me.id)).toHaveLength(1);
    expect((await mailTo(me.email)).some((m) => m.includes(newEmail))).toBe(true);
    // The link works once.
    expect(
      (await call('POST', '/api/v1/me/email-change/confirm', undefined, { token: token as string }))
        .statusCode,
    ).toBe(400);
    expect(await signIn(newEmail)).toContain('session_token');
  });

  it('sends nothing for an address that belongs to someone else, and answers the same', async () => {
    const me = await person();
    const other = await person();
    const asked = await call('POST', '/api/v1/me/email-change', me.cookie, { email: other.email });
    expect(asked.statusCode).toBe(202);
    expect(await mailTo(other.email)).toHaveLength(0);
  });
});

describe('sessions', () => {
  it('lists sessions with browser, marks the current one and records last use at most once a minute', async () => {
    const me = await person();
    const phone = await signIn(
      me.email,
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    );
    const list = await call('GET', '/api/v1/me/sessions', me.cookie);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { current: boolean; browser: string; os: string; device: string }[];
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    expect(items.find((s) => s.current)?.browser).toMatch(/^Chrome/);
    expect(items.find((s) => !s.current)).toMatchObject({ os: 'iOS 17', device: 'mobile' });

    await call('GET', '/api/v1/me', phone);
    // "Last seen" is written after the response went out.
    await vi.waitFor(async () => {
      const rows = await t.db.select().from(sessions).where(eq(sessions.userId, me.id));
      expect(rows.every((r) => r.lastSeenAt !== null)).toBe(true);
    });
    // Further use within the minute writes nothing.
    await t.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 30_000) })
      .where(eq(sessions.userId, me.id));
    await call('GET', '/api/v1/me', phone);
    await call('GET', '/api/v1/me', me.cookie);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await t.db.select().from(sessions).where(eq(sessions.userId, me.id));
    for (const r of after) expect(Date.now() - (r.lastSeenAt as Date).getTime()).toBeGreaterThan(20_000);
  });

  it('ends one session, then all others; another person’s session id is 404', async () => {
    const me = await person();
    const second = await signIn(me.email);
    const third = await signIn(me.email);
    const other = await person();
    const items = (await call('GET', '/api/v1/me/sessions', me.cookie)).json().items as {
      id: string;
      current: boolean;
    }[];
    const otherItems = (await call('GET', '/api/v1/me/sessions', other.cookie)).json().items as {
      id: string;
    }[];
    expect((await call('DELETE', `/api/v1/me/sessions/${otherItems[0]?.id}`, me.cookie)).statusCode).toBe(
      404,
    );
    expect((await call('GET', '/api/v1/me', other.cookie)).statusCode).toBe(200);

    const thirdId = (await call('GET', '/api/v1/me/sessions', third))
      .json()
      .items.find((s: { current: boolean }) => s.current).id;
    expect((await call('DELETE', `/api/v1/me/sessions/${thirdId}`, me.cookie)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/me', third)).statusCode).toBe(401);
    expect(items).toHaveLength(3);

    const ended = await call('POST', '/api/v1/me/sessions/end-others', me.cookie);
    expect(ended.json()).toEqual({ ended: 1 });
    expect((await call('GET', '/api/v1/me', second)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/me', me.cookie)).statusCode).toBe(200);
    expect(await auditOf('profile.other_sessions_ended', me.id)).toHaveLength(1);
  });
});

describe('data export', () => {
  it('builds a ZIP with profile, sessions, accounts without secrets, audit and memberships', async () => {
    const me = await person('Экспорт Данных');
    const companyId = await ensureCompany(t.db, {
      name: 'ООО Экспорт',
      legalName: 'ООО «Экспорт»',
      kinds: ['client'],
      inn: '7707083893',
    });
    await ensureMember(t.db, companyId, me.id, 'buyer');
    await call('PATCH', '/api/v1/me/profile', me.cookie, { timeZone: 'Europe/Samara' });

    const started = await call('POST', '/api/v1/me/data-export', me.cookie);
    expect(started.statusCode).toBe(202);
    const id = started.json().id as string;
    expect(started.json().status).toBe('queued');
    await t.drainJobs();
    const list = (await call('GET', '/api/v1/me/data-exports', me.cookie)).json().items;
    expect(list[0]).toMatchObject({ id, status: 'ready', progress: 100 });

    const other = await person();
    expect((await call('GET', `/api/v1/me/data-exports/${id}/download`, other.cookie)).statusCode).toBe(404);
    const download = await call('GET', `/api/v1/me/data-exports/${id}/download`, me.cookie);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const files = readZip(download.rawPayload);
    const json = (name: string) => JSON.parse(files.get(name)?.toString('utf8') ?? 'null');
    expect(json('profile.json')).toMatchObject({ id: me.id, email: me.email, timeZone: 'Europe/Samara' });
    expect(json('sessions.json')).toHaveLength(1);
    expect(json('accounts.json')).toEqual([expect.objectContaining({ providerId: 'credential' })]);
    expect(files.get('accounts.json')?.toString()).not.toContain('password');
    const actions = (json('audit.json') as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.sign_in', 'profile.updated', 'profile.data_export_requested']),
    );
    expect(json('company-memberships.json')).toEqual([
      expect.objectContaining({ name: 'ООО Экспорт', role: 'buyer' }),
    ]);
    expect(await auditOf('profile.data_export_downloaded', me.id)).toHaveLength(1);
  });
});

describe('account deletion', () => {
  it('needs the password (or a fresh sign-in) and can be cancelled during the grace period', async () => {
    const me = await person();
    // An older session must confirm with the password.
    await t.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 3_600_000) })
      .where(eq(sessions.userId, me.id));
    const noPassword = await call('POST', '/api/v1/me/deletion', me.cookie, {});
    expect(noPassword.statusCode).toBe(403);
    expect(noPassword.json().code).toBe('REAUTHENTICATION_REQUIRED');
    const wrong = await call('POST', '/api/v1/me/deletion', me.cookie, { password: 'not-the-password' });
    expect(wrong.statusCode).toBe(400);

    const asked = await call('POST', '/api/v1/me/deletion', me.cookie, { password });
    expect(asked.statusCode).toBe(202);
    const eraseAfter = new Date(asked.json().eraseAfter).getTime();
    expect(Math.round((eraseAfter - Date.now()) / 86_400_000)).toBe(14);
    // Signed out everywhere.
    expect((await call('GET', '/api/v1/me', me.cookie)).statusCode).toBe(401);
    expect((await mailTo(me.email)).some((m) => m.includes('/profile/privacy'))).toBe(true);

    const back = await signIn(me.email);
    expect((await call('GET', '/api/v1/me/deletion', back)).json().deletion.eraseAfter).toBe(
      asked.json().eraseAfter,
    );
    expect((await call('DELETE', '/api/v1/me/deletion', back)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/me/deletion', back)).json().deletion).toBeNull();
    expect(await auditOf('profile.deletion_cancelled', me.id)).toHaveLength(1);
  });

  it('erases personal data after the grace period and keeps audit rows, anonymised', async () => {
    const me = await person('Удаляемый Человек');
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const avatarUrl = (await uploadAvatar(me.cookie, multipart(png))).json().avatarUrl as string;
    await call('POST', '/api/v1/me/data-export', me.cookie);
    await t.drainJobs();
    expect((await call('POST', '/api/v1/me/deletion', me.cookie, {})).statusCode).toBe(202);
    const before = await t.db.select().from(auditLog).where(eq(auditLog.actorId, me.id));
    expect(before.length).toBeGreaterThan(3);

    // Nothing happens before the grace period ends.
    await enqueueJob(t.db, 'profile.housekeeping', {});
    await t.drainJobs();
    expect((await getPerson(t.db, me.id))?.email).toBe(me.email);

    await t.db
      .update(accountDeletions)
      .set({ eraseAfter: new Date(Date.now() - 1000) })
      .where(eq(accountDeletions.userId, me.id));
    await enqueueJob(t.db, 'profile.housekeeping', { run: 2 });
    await t.drainJobs();

    const erased = await getPerson(t.db, me.id);
    expect(erased).toMatchObject({
      name: 'Удалённый пользователь',
      email: `deleted-${me.id}@deleted.invalid`,
      phone: null,
      image: null,
    });
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, me.id))).toHaveLength(0);
    expect(await t.db.select().from(accounts).where(eq(accounts.userId, me.id))).toHaveLength(0);
    const other = await person();
    expect((await call('GET', avatarUrl, other.cookie)).statusCode).toBe(404);

    const after = await t.db.select().from(auditLog).where(eq(auditLog.actorId, me.id));
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    const text = JSON.stringify(after);
    expect(text).not.toContain(me.email);
    expect(after.every((r) => r.ip === null && r.userAgent === null)).toBe(true);
    const signInEntries = await auditOf('auth.sign_in', `deleted-${me.id}`);
    expect(signInEntries.length).toBeGreaterThan(0);
    expect(await auditOf('profile.account_erased', me.id)).toHaveLength(1);
    // Mail kept for the address (the development mailbox) goes too.
    expect(await mailTo(me.email)).toHaveLength(0);
    const mailJobs = await t.db
      .select()
      .from(jobs)
      .where(sql`${jobs.name} = 'mail.send' and ${jobs.payload}->>'to' = ${me.email}`);
    expect(mailJobs).toHaveLength(0);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/email',
      payload: { email: me.email, password },
      headers: { origin },
    });
    expect(again.statusCode).toBe(401);
  });

  it('keeps the audit log append-only outside an erasure', async () => {
    await person(); // signing in writes an audit row to try to change
    const failure = (work: Promise<unknown>) =>
      work.then(
        () => 'committed',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(await failure(t.db.execute(sql`update audit_log set ip = null`))).toMatch(/append-only/);
    const anonymising = (statement: ReturnType<typeof sql>) =>
      failure(
        t.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('kabinet.audit_anonymise', 'on', true)`);
          await tx.execute(statement);
        }),
      );
    expect(await anonymising(sql`delete from audit_log`)).toMatch(/append-only/);
    expect(await anonymising(sql`update audit_log set action = 'x'`)).toMatch(/append-only/);
    // The setting ends with its transaction.
    expect(await failure(t.db.execute(sql`update audit_log set ip = null`))).toMatch(/append-only/);
  });
});
