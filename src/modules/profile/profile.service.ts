import { createHash, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import Bowser from 'bowser';
import { and, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../server/core/access.js';
import type { Config } from '../../server/core/config.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { jobs } from '../../server/core/jobs/jobs.tables.js';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import {
  type PersonalDataContext,
  type PersonalDataProvider,
  personalDataProviders,
} from '../../server/core/personal-data.js';
import type { FileStorage } from '../../server/core/storage.js';
import { allowAuditAnonymisation } from '../audit/audit.personal-data.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  checkPassword,
  endSession,
  endSessionsOf,
  sessionOf,
  sessionsOf,
} from '../identity/sessions.service.js';
import { getPerson } from '../people/people.service.js';
import {
  anonymisePerson,
  emailTaken,
  personRecordOf,
  setPersonEmail,
  setPersonImage,
  updatePersonProfile,
} from '../people/people-profile.service.js';
import { confirmEmailChangeMail, deletionRequestedMail, emailChangedMail } from './profile.mail.js';
import { accountDeletions, dataExports, emailChanges } from './profile.tables.js';

/** Everything the service needs besides the database. */
export interface ProfileDeps {
  db: Db;
  config: Config;
  storage: FileStorage;
  poke(): void;
}

// ---------------------------------------------------------------- profile

const timeZones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/** Whether `zone` is an IANA time zone the runtime knows. */
export const isTimeZone = (zone: string) => timeZones.has(zone);

async function personOrThrow(db: Db, userId: string) {
  const person = await getPerson(db, userId);
  if (!person) throw new AppError('NOT_FOUND', 'No such person');
  return person;
}

/** The person's own profile, with a pending e-mail change. */
export async function profileOf(db: Db, userId: string) {
  const person = await personOrThrow(db, userId);
  const [pending] = await db
    .select({ newEmail: emailChanges.newEmail, expiresAt: emailChanges.expiresAt })
    .from(emailChanges)
    .where(and(eq(emailChanges.userId, userId), gt(emailChanges.expiresAt, sql`now()`)))
    .orderBy(desc(emailChanges.createdAt))
    .limit(1);
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    emailVerified: person.emailVerified,
    phone: person.phone,
    avatarUrl: person.image,
    locale: person.locale,
    timeZone: person.timeZone,
    createdAt: person.createdAt.toISOString(),
    pendingEmail: pending ? { email: pending.newEmail, expiresAt: pending.expiresAt.toISOString() } : null,
  };
}

/** Changes name, language and time zone; audited with the fields that changed. */
export async function updateProfile(
  db: Db,
  request: FastifyRequest,
  userId: string,
  changes: { name?: string | undefined; locale?: 'ru' | 'en' | undefined; timeZone?: string | undefined },
) {
  if (changes.timeZone !== undefined && !isTimeZone(changes.timeZone)) {
    throw new AppError('VALIDATION_FAILED', 'Unknown time zone', [
      { path: 'timeZone', message: 'Choose a time zone from the list' },
    ]);
  }
  await db.transaction(async (tx) => {
    await updatePersonProfile(tx, userId, changes);
    const fields = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
    await recordAudit(tx, request, { action: 'profile.updated', subject: userId, details: { fields } });
  });
  return profileOf(db, userId);
}

// ---------------------------------------------------------------- avatar

export const avatarMaxBytes = 5 * 1024 * 1024;
export const avatarSize = 256;
const avatarFormats = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif']);
// Refuse decompression bombs: a small file that expands to a huge bitmap.
const maxInputPixels = 40_000_000;

const avatarKey = (userId: string) => `avatars/${userId}.webp`;

/** Checks the upload by its content (not its name or declared type) and turns it into a square WebP. */
export async function processAvatar(input: Buffer): Promise<Buffer> {
  // Loaded on first use: libvips is heavy and most processes start without needing it.
  const { default: sharp } = await import('sharp');
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: maxInputPixels }).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !avatarFormats.has(format)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The file is not a JPEG, PNG, WebP, GIF or AVIF image');
  }
  try {
    return await sharp(input, { limitInputPixels: maxInputPixels })
      .rotate()
      .resize(avatarSize, avatarSize, { fit: 'cover' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The image could not be read');
  }
}

/** Stores a new avatar and points the person's picture at it (a new URL each time, for caches). */
export async function saveAvatar(deps: ProfileDeps, request: FastifyRequest, userId: string, input: Buffer) {
  const image = await processAvatar(input);
  await deps.storage.put(avatarKey(userId), image);
  const url = `/api/v1/avatars/${userId}?v=${Date.now().toString(36)}`;
  await deps.db.transaction(async (tx) => {
    await setPersonImage(tx, userId, url);
    await recordAudit(tx, request, { action: 'profile.avatar_changed', subject: userId });
  });
  return { avatarUrl: url };
}

export async function removeAvatar(deps: ProfileDeps, request: FastifyRequest, userId: string) {
  await deps.db.transaction(async (tx) => {
    await setPersonImage(tx, userId, null);
    await recordAudit(tx, request, { action: 'profile.avatar_removed', subject: userId });
  });
  await deps.storage.delete(avatarKey(userId));
}

/** The stored avatar of a person, if they have one. */
export async function readAvatar(deps: ProfileDeps, userId: string) {
  const person = await getPerson(deps.db, userId);
  if (!person?.image) return null;
  return deps.storage.read(avatarKey(userId));
}

// ---------------------------------------------------------------- e-mail change

const emailChangeHours = 24;
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Starts a change of address: the link goes to the NEW address, and only following it changes anything.
 * An address that belongs to someone else gets no mail, and the answer is the same, so the form does not
 * tell who is registered.
 */
export async function requestEmailChange(
  deps: ProfileDeps,
  request: FastifyRequest,
  userId: string,
  newEmailRaw: string,
) {
  const person = await personOrThrow(deps.db, userId);
  const newEmail = newEmailRaw.trim().toLowerCase();
  if (newEmail === person.email.toLowerCase()) {
    throw new AppError('VALIDATION_FAILED', 'This is already your address', [
      { path: 'email', message: 'This is already your address' },
    ]);
  }
  const taken = await emailTaken(deps.db, newEmail);
  const token = randomBytes(32).toString('base64url');
  await deps.db.transaction(async (tx) => {
    await tx.delete(emailChanges).where(eq(emailChanges.userId, userId));
    if (!taken) {
      await tx.insert(emailChanges).values({
        id: uuidv7(),
        userId,
        newEmail,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + emailChangeHours * 3_600_000),
      });
      await queueMail(tx, {
        to: newEmail,
        template: confirmEmailChangeMail.name,
        locale: person.locale,
        vars: {
          name: person.name,
          url: `${deps.config.publicUrl}/profile/email/confirm?token=${encodeURIComponent(token)}`,
        },
      });
    }
    await recordAudit(tx, request, {
      action: 'profile.email_change_requested',
      subject: userId,
      details: { newEmail, ...(taken ? { refused: 'address in use' } : {}) },
    });
  });
  deps.poke();
}

/** Follows the link from the mail: the address becomes the person's (verified) sign-in address. */
export async function confirmEmailChange(deps: ProfileDeps, request: FastifyRequest, token: string) {
  const [change] = await deps.db
    .select()
    .from(emailChanges)
    .where(and(eq(emailChanges.tokenHash, hashToken(token)), gt(emailChanges.expiresAt, sql`now()`)));
  if (!change) throw new AppError('BAD_REQUEST', 'The link is invalid or has expired');
  const person = await personOrThrow(deps.db, change.userId);
  if (await emailTaken(deps.db, change.newEmail)) {
    await deps.db.delete(emailChanges).where(eq(emailChanges.id, change.id));
    throw new AppError('CONFLICT', 'This address is already used by another account');
  }
  await deps.db.transaction(async (tx) => {
    await setPersonEmail(tx, change.userId, change.newEmail);
    await tx.delete(emailChanges).where(eq(emailChanges.userId, change.userId));
    await recordAudit(tx, request, {
      action: 'profile.email_changed',
      subject: change.userId,
      actorId: change.userId,
      actorKind: 'person',
      details: { from: person.email, to: change.newEmail },
    });
    // The old address hears about it, in case someone else got into the account.
    await queueMail(tx, {
      to: person.email,
      template: emailChangedMail.name,
      locale: person.locale,
      vars: { name: person.name, email: change.newEmail },
    });
  });
  deps.poke();
  return { email: change.newEmail };
}

export async function cancelEmailChange(db: Db, userId: string) {
  await db.delete(emailChanges).where(eq(emailChanges.userId, userId));
}

// ---------------------------------------------------------------- sessions

/** Browser, system and kind of device from a user agent, for people to recognise their sessions. */
export function describeUserAgent(userAgent: string | null) {
  if (!userAgent) return { browser: null, os: null, device: 'unknown' };
  const parsed = Bowser.parse(userAgent);
  const join = (name?: string, version?: string) =>
    name ? `${name}${version ? ` ${version.split('.')[0]}` : ''}` : null;
  return {
    browser: join(parsed.browser.name, parsed.browser.version),
    os: join(parsed.os.name, parsed.os.version),
    device: parsed.platform.type ?? 'unknown',
  };
}

export async function listSessions(db: Db, actor: Actor) {
  const rows = await sessionsOf(db, actor.id);
  return rows.map((s) => ({
    id: s.id,
    current: s.id === actor.sessionId,
    ...describeUserAgent(s.userAgent),
    ipAddress: s.ipAddress,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: (s.lastSeenAt ?? s.createdAt).toISOString(),
    expiresAt: s.expiresAt.toISOString(),
  }));
}

export async function endOneSession(db: Db, request: FastifyRequest, actor: Actor, sessionId: string) {
  await db.transaction(async (tx) => {
    if (!(await endSession(tx, actor.id, sessionId))) throw new AppError('NOT_FOUND', 'No such session');
    await recordAudit(tx, request, {
      action: 'profile.session_ended',
      subject: actor.id,
      details: { sessionId, current: sessionId === actor.sessionId },
    });
  });
}

export async function endOtherSessions(db: Db, request: FastifyRequest, actor: Actor) {
  return db.transaction(async (tx) => {
    const ended = await endSessionsOf(tx, actor.id, actor.sessionId);
    await recordAudit(tx, request, {
      action: 'profile.other_sessions_ended',
      subject: actor.id,
      details: { ended },
    });
    return { ended };
  });
}

// ---------------------------------------------------------------- personal-data registry

/** Every module's personal-data provider (imported lazily: the module list imports this module). */
export async function allPersonalDataProviders(): Promise<PersonalDataProvider[]> {
  const { modules } = await import('../index.js');
  return personalDataProviders(modules);
}

async function personalDataContext(db: Db, storage: FileStorage, userId: string) {
  const record = await personRecordOf(db, userId);
  if (!record) return null;
  const { person } = record;
  return {
    db,
    storage,
    userId,
    person: { email: person.email, name: person.name, phone: person.phone },
  } satisfies PersonalDataContext;
}

/** The profile module's own share: the person row, roles, and the profile module's tables. */
export const profilePersonalData: PersonalDataProvider[] = [
  {
    key: 'profile',
    export: async ({ db, userId }) => {
      const record = await personRecordOf(db, userId);
      if (!record) return null;
      const { person, staffRoles, employee } = record;
      const [deletion] = await db.select().from(accountDeletions).where(eq(accountDeletions.userId, userId));
      const pendingEmail = await db
        .select({ newEmail: emailChanges.newEmail, createdAt: emailChanges.createdAt })
        .from(emailChanges)
        .where(eq(emailChanges.userId, userId));
      const exports = await db
        .select({ id: dataExports.id, status: dataExports.status, createdAt: dataExports.createdAt })
        .from(dataExports)
        .where(eq(dataExports.userId, userId));
      return {
        id: person.id,
        name: person.name,
        email: person.email,
        emailVerified: person.emailVerified,
        phone: person.phone,
        locale: person.locale,
        timeZone: person.timeZone,
        hasAvatar: person.image !== null,
        createdAt: person.createdAt,
        updatedAt: person.updatedAt,
        consent: { version: person.consentVersion, at: person.consentAt },
        staffRoles,
        employee,
        pendingEmailChanges: pendingEmail,
        deletionRequest: deletion ?? null,
        dataExports: exports,
      };
    },
    erase: async ({ db, userId, person }) => {
      await db.delete(emailChanges).where(eq(emailChanges.userId, userId));
      await db.delete(dataExports).where(eq(dataExports.userId, userId));
      await anonymisePerson(db, userId);
      // Sent (or failed) mail jobs keep the address and name in their payload; the queue is not pruned.
      await db
        .delete(jobs)
        .where(
          and(
            eq(jobs.name, 'mail.send'),
            sql`${jobs.status} <> 'running'`,
            sql`lower(${jobs.payload}->>'to') = ${person.email.toLowerCase()}`,
          ),
        );
    },
    filesToDelete: async ({ db, userId }) => {
      const files = await db
        .select({ key: dataExports.fileKey })
        .from(dataExports)
        .where(eq(dataExports.userId, userId));
      return [avatarKey(userId), ...files.flatMap((f) => (f.key ? [f.key] : []))];
    },
  },
];

// ---------------------------------------------------------------- data export

export const dataExportJob = 'profile.data_export';
export const exportAttempts = 3;
const exportLifetimeDays = 7;

const presentExport = (row: typeof dataExports.$inferSelect, progress: number | null) => ({
  id: row.id,
  status: row.status,
  progress: row.status === 'ready' ? 100 : (progress ?? 0),
  size: row.size,
  createdAt: row.createdAt.toISOString(),
  readyAt: row.readyAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

/** Queues a new export, unless one is already being built (then that one is returned). */
export async function requestDataExport(deps: ProfileDeps, request: FastifyRequest, userId: string) {
  const result = await deps.db.transaction(async (tx) => {
    const [running] = await tx
      .select()
      .from(dataExports)
      .where(and(eq(dataExports.userId, userId), eq(dataExports.status, 'queued')));
    if (running) return running.id;
    const id = uuidv7();
    const jobId = await enqueueJob(tx, dataExportJob, { exportId: id }, { maxAttempts: exportAttempts });
    await tx.insert(dataExports).values({ id, userId, jobId });
    await recordAudit(tx, request, { action: 'profile.data_export_requested', subject: userId });
    return id;
  });
  deps.poke();
  const [exp] = await listDataExports(deps.db, userId, result);
  if (!exp) throw new AppError('NOT_FOUND', 'No such export');
  return exp;
}

/** The person's exports that have not expired, newest first, with the progress of queued ones. */
export async function listDataExports(db: Db, userId: string, onlyId?: string) {
  const rows = await db
    .select({ exp: dataExports, progress: jobs.progress })
    .from(dataExports)
    .leftJoin(jobs, eq(jobs.id, dataExports.jobId))
    .where(
      and(
        eq(dataExports.userId, userId),
        onlyId ? eq(dataExports.id, onlyId) : undefined,
        or(isNull(dataExports.expiresAt), gt(dataExports.expiresAt, sql`now()`)),
      ),
    )
    .orderBy(desc(dataExports.id));
  return rows.map((r) => presentExport(r.exp, r.progress));
}

/** The ZIP of a ready export of the person (another person's export is "not found"). */
export async function openDataExport(deps: ProfileDeps, request: FastifyRequest, userId: string, id: string) {
  const [row] = await deps.db
    .select()
    .from(dataExports)
    .where(
      and(
        eq(dataExports.id, id),
        eq(dataExports.userId, userId),
        eq(dataExports.status, 'ready'),
        gt(dataExports.expiresAt, sql`now()`),
      ),
    );
  const file = row?.fileKey ? await deps.storage.read(row.fileKey) : null;
  if (!row || !file) throw new AppError('NOT_FOUND', 'No such export');
  await recordAudit(deps.db, request, {
    action: 'profile.data_export_downloaded',
    subject: userId,
    details: { exportId: id },
  });
  return { ...file, fileName: `kabinet-data-${row.createdAt.toISOString().slice(0, 10)}.zip` };
}

const readme = `This archive holds the personal data Kabinet stores about you, one JSON file per part:
profile.json (your profile, consent, roles), sessions.json (signed-in devices), accounts.json (ways to
sign in, without passwords or keys), audit.json (security log entries by or about you),
company-memberships.json and files from other modules. avatar.webp is your picture, if you set one.
`;

/** Builds the ZIP: each provider's JSON plus the avatar. */
async function buildZip(
  ctx: PersonalDataContext,
  providers: PersonalDataProvider[],
  setProgress: (p: number) => Promise<void>,
) {
  const { ZipArchive } = await import('archiver');
  const archive = new ZipArchive({ zlib: { level: 9 } });
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    archive.on('error', reject);
  });
  archive.pipe(sink);
  archive.append(readme, { name: 'README.txt' });
  let done = 0;
  for (const provider of providers) {
    const data = await provider.export(ctx);
    archive.append(JSON.stringify(data, null, 2), { name: `${provider.key}.json` });
    done += 1;
    await setProgress(Math.round((done / providers.length) * 90));
  }
  const avatar = await ctx.storage.read(avatarKey(ctx.userId));
  if (avatar) archive.append(avatar.stream, { name: 'avatar.webp' });
  await archive.finalize();
  await finished;
  return Buffer.concat(chunks);
}

/** The export job: builds the ZIP, stores it and marks the export ready (idempotent on retry). */
export async function runDataExport(
  deps: ProfileDeps,
  exportId: string,
  setProgress: (p: number) => Promise<void>,
) {
  const [row] = await deps.db.select().from(dataExports).where(eq(dataExports.id, exportId));
  if (row?.status !== 'queued') return;
  const ctx = await personalDataContext(deps.db, deps.storage, row.userId);
  if (!ctx) return;
  const zip = await buildZip(ctx, await allPersonalDataProviders(), setProgress);
  const fileKey = `exports/${row.userId}/${exportId}.zip`;
  await deps.storage.put(fileKey, zip);
  await deps.db
    .update(dataExports)
    .set({
      status: 'ready',
      fileKey,
      size: zip.length,
      readyAt: new Date(),
      expiresAt: new Date(Date.now() + exportLifetimeDays * 86_400_000),
    })
    .where(eq(dataExports.id, exportId));
}

export async function markDataExportFailed(db: Db, exportId: string) {
  await db
    .update(dataExports)
    .set({ status: 'failed', expiresAt: new Date(Date.now() + 86_400_000) })
    .where(and(eq(dataExports.id, exportId), eq(dataExports.status, 'queued')));
}

/** Deletes expired exports and their files. */
export async function removeExpiredExports(deps: ProfileDeps) {
  const expired = await deps.db
    .delete(dataExports)
    .where(lte(dataExports.expiresAt, sql`now()`))
    .returning({ fileKey: dataExports.fileKey });
  for (const e of expired) if (e.fileKey) await deps.storage.delete(e.fileKey);
  await deps.db.delete(emailChanges).where(lte(emailChanges.expiresAt, sql`now()`));
}

// ---------------------------------------------------------------- account deletion

/** A session younger than this counts as "just signed in" and needs no password to delete the account. */
export const recentSignInMinutes = 10;

export async function deletionOf(db: Db, userId: string) {
  const [row] = await db.select().from(accountDeletions).where(eq(accountDeletions.userId, userId));
  if (!row || row.erasedAt) return null;
  return { requestedAt: row.requestedAt.toISOString(), eraseAfter: row.eraseAfter.toISOString() };
}

/**
 * Asks for the account to be deleted: needs the password (or a sign-in within the last minutes for
 * people without one), signs the person out everywhere and erases their data after the grace period.
 */
export async function requestDeletion(
  deps: ProfileDeps,
  request: FastifyRequest,
  actor: Actor,
  password: string | undefined,
) {
  const existing = await deletionOf(deps.db, actor.id);
  if (existing) return existing;
  if (password !== undefined) {
    const { matches } = await checkPassword(deps.db, actor.id, password);
    if (!matches) {
      throw new AppError('VALIDATION_FAILED', 'The password is wrong', [
        { path: 'password', message: 'The password is wrong' },
      ]);
    }
  } else {
    const session = actor.sessionId ? await sessionOf(deps.db, actor.id, actor.sessionId) : null;
    const fresh = session && Date.now() - session.createdAt.getTime() < recentSignInMinutes * 60_000;
    if (!fresh) {
      throw new AppError('REAUTHENTICATION_REQUIRED', 'Enter your password to confirm');
    }
  }
  const person = await personOrThrow(deps.db, actor.id);
  const eraseAfter = new Date(Date.now() + deps.config.accountDeletionGraceDays * 86_400_000);
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(accountDeletions)
      .values({ userId: actor.id, eraseAfter })
      .onConflictDoUpdate({
        target: accountDeletions.userId,
        set: { requestedAt: new Date(), eraseAfter, erasedAt: null },
      });
    const ended = await endSessionsOf(tx, actor.id);
    await recordAudit(tx, request, {
      action: 'profile.deletion_requested',
      subject: actor.id,
      details: { eraseAfter: eraseAfter.toISOString(), sessionsEnded: ended },
    });
    await queueMail(tx, {
      to: person.email,
      template: deletionRequestedMail.name,
      locale: person.locale,
      vars: {
        name: person.name,
        date: eraseAfter.toLocaleDateString(person.locale === 'en' ? 'en-GB' : 'ru-RU', {
          timeZone: person.timeZone,
        }),
        url: `${deps.config.publicUrl}/profile/privacy`,
      },
    });
  });
  deps.poke();
  return { requestedAt: new Date().toISOString(), eraseAfter: eraseAfter.toISOString() };
}

export async function cancelDeletion(db: Db, request: FastifyRequest, userId: string) {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(accountDeletions)
      .where(and(eq(accountDeletions.userId, userId), isNull(accountDeletions.erasedAt)))
      .returning();
    if (removed.length === 0) throw new AppError('NOT_FOUND', 'No deletion is pending');
    await recordAudit(tx, request, { action: 'profile.deletion_cancelled', subject: userId });
  });
}

/** Erases one person's data through every provider, in one transaction; files go after it commits. */
export async function eraseAccount(deps: ProfileDeps, userId: string) {
  const ctx = await personalDataContext(deps.db, deps.storage, userId);
  if (!ctx) return;
  const providers = await allPersonalDataProviders();
  const files = (await Promise.all(providers.map((p) => p.filesToDelete?.(ctx) ?? []))).flat();
  await deps.db.transaction(async (tx) => {
    await allowAuditAnonymisation(tx);
    for (const provider of providers) await provider.erase({ ...ctx, db: tx });
    await tx
      .update(accountDeletions)
      .set({ erasedAt: new Date() })
      .where(eq(accountDeletions.userId, userId));
    await recordAudit(tx, null, { action: 'profile.account_erased', subject: userId, actorKind: 'system' });
  });
  for (const key of files) await deps.storage.delete(key);
}

/** The housekeeping job: erases accounts whose grace period is over and removes expired exports. */
export async function runHousekeeping(deps: ProfileDeps) {
  const due = await deps.db
    .select({ userId: accountDeletions.userId })
    .from(accountDeletions)
    .where(and(isNull(accountDeletions.erasedAt), lte(accountDeletions.eraseAfter, sql`now()`)));
  for (const { userId } of due) await eraseAccount(deps, userId);
  await removeExpiredExports(deps);
}
