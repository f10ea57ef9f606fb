import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import type { FileStorage } from '../../server/core/storage.js';
import { orgPermissionsOf } from '../../shared/permissions.js';
import { getCompanies, getCompany, listMembers } from '../companies/companies.service.js';
import { notify } from '../notifications/index.js';
import { getPerson } from '../people/people.service.js';
import { type AgreementFile, agreementContentTypes } from './agreements.files.js';
import { agreementActivityMail, approvalCodeMail } from './agreements.mail.js';
import type { AgreementListQuery, NewAgreementData } from './agreements.schema.js';
import {
  agreementApprovalCodes,
  agreementComments,
  agreementDecisions,
  agreements,
  agreementVersions,
} from './agreements.tables.js';

export type Side = 'staff' | 'company';
type AgreementRow = typeof agreements.$inferSelect;
type VersionRow = typeof agreementVersions.$inferSelect;

/** Who acts on an agreement: a staff member (or the operator) or a member of the company. */
export interface AgreementActor {
  side: Side;
  id: string;
  name: string;
  email: string;
  locale?: string | undefined;
}

/** Where the request came from, kept on decisions. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Minutes a one-time approval code is valid, wrong tries it allows, and how often one may be sent. */
export const approvalCodeMinutes = 10;
export const approvalCodeAttempts = 5;
export const approvalCodeResendSeconds = 60;
export const approvalCodesPerHour = 5;

const isUuid = (id: string) => z.uuid().safeParse(id).success;
const other = (side: Side): Side => (side === 'staff' ? 'company' : 'staff');
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const codeHash = (versionId: string, personId: string, code: string) =>
  sha256(`agreement-approval:${versionId}:${personId}:${code}`);

/** The agreement, the company's own when `companyId` is given; NOT_FOUND otherwise. */
export async function agreementOf(
  db: Db,
  id: string,
  companyId?: string,
  lock = false,
): Promise<AgreementRow> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'Agreement not found');
  const where = companyId
    ? and(eq(agreements.id, id), eq(agreements.companyId, companyId))
    : eq(agreements.id, id);
  const query = db.select().from(agreements).where(where);
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('NOT_FOUND', 'Agreement not found');
  return row;
}

async function versionsOf(db: Db, agreementId: string): Promise<VersionRow[]> {
  return db
    .select()
    .from(agreementVersions)
    .where(eq(agreementVersions.agreementId, agreementId))
    .orderBy(asc(agreementVersions.number));
}

/** A version of the agreement; another agreement's version is NOT_FOUND. */
async function versionOf(db: Db, agreementId: string, versionId: string): Promise<VersionRow> {
  if (!isUuid(versionId)) throw new AppError('NOT_FOUND', 'Version not found');
  const [row] = await db
    .select()
    .from(agreementVersions)
    .where(and(eq(agreementVersions.id, versionId), eq(agreementVersions.agreementId, agreementId)));
  if (!row) throw new AppError('NOT_FOUND', 'Version not found');
  return row;
}

async function storeVersion(
  tx: Db,
  storage: FileStorage,
  actor: AgreementActor,
  agreementId: string,
  number: number,
  file: AgreementFile,
  note: string | null | undefined,
): Promise<VersionRow> {
  const id = uuidv7();
  const storageKey = `agreements/${agreementId}/${id}.${file.kind}`;
  await storage.put(storageKey, file.data);
  const [row] = await tx
    .insert(agreementVersions)
    .values({
      id,
      agreementId,
      number,
      storageKey,
      fileName: file.fileName,
      contentType: agreementContentTypes[file.kind],
      size: file.data.length,
      sha256: sha256(file.data),
      side: actor.side,
      uploadedBy: actor.id,
      uploadedByName: actor.name,
      note: note || null,
      createdAt: new Date(),
    })
    .returning();
  return row as VersionRow;
}

/** Starts an agreement with its first version; the other side reviews it. */
export async function createAgreement(
  tx: Db,
  storage: FileStorage,
  actor: AgreementActor,
  companyId: string,
  input: NewAgreementData,
  file: AgreementFile,
  publicUrl: string,
): Promise<string> {
  if (input.kind === 'contract' && input.parentId) {
    throw new AppError('VALIDATION_FAILED', 'A contract has no parent', [
      {
        path: 'data.parentId',
        message: 'Only a specification or supplementary agreement names its contract',
      },
    ]);
  }
  if (input.parentId) {
    const [parent] = await tx
      .select({ id: agreements.id, kind: agreements.kind })
      .from(agreements)
      .where(and(eq(agreements.id, input.parentId), eq(agreements.companyId, companyId)));
    if (parent?.kind !== 'contract') {
      throw new AppError('VALIDATION_FAILED', 'Not a contract of this company', [
        { path: 'data.parentId', message: 'Not a contract of this company' },
      ]);
    }
  }
  const id = uuidv7();
  // Millisecond times (as JavaScript has them), so the list's keyset cursor round-trips exactly.
  const now = new Date();
  await tx.insert(agreements).values({
    id,
    createdAt: now,
    updatedAt: now,
    companyId,
    kind: input.kind,
    title: input.title,
    parentId: input.parentId ?? null,
    status: 'in_review',
    createdSide: actor.side,
    createdBy: actor.id,
    createdByName: actor.name,
  });
  const version = await storeVersion(tx, storage, actor, id, 1, file, input.note);
  const row = await agreementOf(tx, id);
  await announce(tx, publicUrl, row, actor, { event: 'version', version: version.number, text: input.note });
  return id;
}

/** A new version from either side while the agreement is not approved; the other side reviews it next. */
export async function addVersion(
  tx: Db,
  storage: FileStorage,
  actor: AgreementActor,
  agreementId: string,
  companyId: string | undefined,
  input: { note?: string | null | undefined },
  file: AgreementFile,
  publicUrl: string,
): Promise<VersionRow> {
  const row = await agreementOf(tx, agreementId, companyId, true);
  if (row.status === 'approved') {
    throw new AppError('AGREEMENT_NOT_ALLOWED', 'The agreement is approved; start a supplementary agreement');
  }
  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(max(number), 0)::int as n from agreement_versions where agreement_id = ${agreementId}`,
  );
  const version = await storeVersion(tx, storage, actor, agreementId, n + 1, file, input.note);
  await tx
    .update(agreements)
    .set({ status: 'in_review', updatedAt: new Date() })
    .where(eq(agreements.id, agreementId));
  await announce(tx, publicUrl, row, actor, { event: 'version', version: version.number, text: input.note });
  return version;
}

/** A comment on a version, by either side. */
export async function addComment(
  tx: Db,
  actor: AgreementActor,
  agreementId: string,
  companyId: string | undefined,
  versionId: string,
  text: string,
  publicUrl: string,
): Promise<void> {
  const row = await agreementOf(tx, agreementId, companyId, true);
  const version = await versionOf(tx, agreementId, versionId);
  await tx.insert(agreementComments).values({
    id: uuidv7(),
    agreementId,
    versionId,
    side: actor.side,
    authorId: actor.id,
    authorName: actor.name,
    text,
  });
  await tx.update(agreements).set({ updatedAt: new Date() }).where(eq(agreements.id, agreementId));
  await announce(tx, publicUrl, row, actor, { event: 'comment', version: version.number, text });
}

/**
 * The version a decision is about, checked: the agreement is in review, the version is the latest, and the
 * actor is on the side whose turn it is (the side that did not upload it).
 */
async function decidable(db: Db, row: AgreementRow, versionId: string, actor: AgreementActor) {
  const version = await versionOf(db, row.id, versionId);
  const versions = await versionsOf(db, row.id);
  const latest = versions[versions.length - 1];
  if (row.status !== 'in_review') {
    throw new AppError('AGREEMENT_NOT_ALLOWED', `The agreement is ${row.status}, not in review`);
  }
  if (latest?.id !== version.id) {
    throw new AppError('AGREEMENT_NOT_ALLOWED', 'Only the latest version can be approved or rejected');
  }
  if (version.side === actor.side) {
    throw new AppError('AGREEMENT_NOT_ALLOWED', 'The other side reviews this version');
  }
  return version;
}

/**
 * Sends the person a 6-digit one-time code for approving a version: hashed in the database, valid 10
 * minutes, 5 tries; a new request replaces the code, at most once a minute and 5 times an hour.
 */
export async function requestApprovalCode(
  db: Db,
  actor: AgreementActor,
  agreementId: string,
  companyId: string | undefined,
  versionId: string,
): Promise<{ sentTo: string; expiresAt: string }> {
  if (!actor.email) {
    throw new AppError('AGREEMENT_NOT_ALLOWED', 'An approval is confirmed by a code sent to your e-mail');
  }
  return db.transaction(async (tx) => {
    const row = await agreementOf(tx, agreementId, companyId, true);
    const version = await decidable(tx, row, versionId, actor);
    const now = new Date();
    const [current] = await tx
      .select()
      .from(agreementApprovalCodes)
      .where(
        and(eq(agreementApprovalCodes.versionId, versionId), eq(agreementApprovalCodes.personId, actor.id)),
      );
    let sends = 1;
    let windowStartedAt = now;
    if (current) {
      if (now.getTime() - current.sentAt.getTime() < approvalCodeResendSeconds * 1000) {
        throw new AppError('RATE_LIMITED', 'A code was sent less than a minute ago');
      }
      if (now.getTime() - current.windowStartedAt.getTime() < 3_600_000) {
        if (current.sends >= approvalCodesPerHour) {
          throw new AppError('RATE_LIMITED', 'Too many codes this hour; try again later');
        }
        sends = current.sends + 1;
        windowStartedAt = current.windowStartedAt;
      }
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + approvalCodeMinutes * 60_000);
    const values = {
      codeHash: codeHash(versionId, actor.id, code),
      sentTo: actor.email,
      expiresAt,
      attempts: 0,
      sends,
      windowStartedAt,
      sentAt: now,
    };
    await tx
      .insert(agreementApprovalCodes)
      .values({ versionId, personId: actor.id, ...values })
      .onConflictDoUpdate({
        target: [agreementApprovalCodes.versionId, agreementApprovalCodes.personId],
        set: values,
      });
    await queueMail(tx, {
      to: actor.email,
      template: approvalCodeMail.name,
      locale: actor.locale === 'en' ? 'en' : 'ru',
      vars: { code, title: row.title, version: version.number, minutes: approvalCodeMinutes },
    });
    return { sentTo: actor.email, expiresAt: expiresAt.toISOString() };
  });
}

/**
 * Checks the person's code for a version. A wrong code counts a try (committed even though the answer is an
 * error); the fifth wrong try spends the code. Returns where the code was sent.
 */
async function checkCode(db: Db, actor: AgreementActor, versionId: string, code: string): Promise<string> {
  const [row] = await db
    .select()
    .from(agreementApprovalCodes)
    .where(
      and(eq(agreementApprovalCodes.versionId, versionId), eq(agreementApprovalCodes.personId, actor.id)),
    );
  if (!row || row.expiresAt.getTime() <= Date.now() || row.attempts >= approvalCodeAttempts) {
    throw new AppError('APPROVAL_CODE_EXPIRED', 'The code has expired or was spent; request a new one');
  }
  const given = Buffer.from(codeHash(versionId, actor.id, code), 'hex');
  const stored = Buffer.from(row.codeHash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) {
    const [after] = await db
      .update(agreementApprovalCodes)
      .set({ attempts: sql`${agreementApprovalCodes.attempts} + 1` })
      .where(
        and(eq(agreementApprovalCodes.versionId, versionId), eq(agreementApprovalCodes.personId, actor.id)),
      )
      .returning({ attempts: agreementApprovalCodes.attempts });
    const left = Math.max(0, approvalCodeAttempts - (after?.attempts ?? approvalCodeAttempts));
    if (left === 0) {
      throw new AppError('APPROVAL_CODE_EXPIRED', 'Too many wrong codes; request a new one');
    }
    throw new AppError('APPROVAL_CODE_INVALID', `The code is wrong; ${left} tries left`, [
      { path: 'code', message: 'The code is wrong' },
    ]);
  }
  return row.sentTo;
}

/**
 * Approves the latest version with the one-time code: the decision keeps the file's SHA-256, who, when,
 * from where and how it was confirmed; `audit` writes the audit row in the same transaction.
 */
export async function approveVersion(
  db: Db,
  actor: AgreementActor,
  agreementId: string,
  companyId: string | undefined,
  versionId: string,
  code: string,
  origin: RequestOrigin,
  publicUrl: string,
  audit: (tx: Db, details: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  // Scope first, so another company's ids are a 404 whatever the code.
  await versionOf(db, (await agreementOf(db, agreementId, companyId)).id, versionId);
  const sentTo = await checkCode(db, actor, versionId, code);
  await db.transaction(async (tx) => {
    const row = await agreementOf(tx, agreementId, companyId, true);
    const version = await decidable(tx, row, versionId, actor);
    const used = await tx
      .delete(agreementApprovalCodes)
      .where(
        and(eq(agreementApprovalCodes.versionId, versionId), eq(agreementApprovalCodes.personId, actor.id)),
      )
      .returning({ versionId: agreementApprovalCodes.versionId });
    if (used.length === 0) {
      throw new AppError('APPROVAL_CODE_EXPIRED', 'The code was already used; request a new one');
    }
    const decisionId = uuidv7();
    await tx.insert(agreementDecisions).values({
      id: decisionId,
      agreementId,
      versionId,
      decision: 'approve',
      side: actor.side,
      personId: actor.id,
      personName: actor.name,
      comment: null,
      sha256: version.sha256,
      confirmation: 'email_code',
      confirmedTo: sentTo,
      ip: origin.ip,
      userAgent: origin.userAgent?.slice(0, 500) ?? null,
    });
    await tx
      .update(agreements)
      .set({ status: 'approved', updatedAt: new Date() })
      .where(eq(agreements.id, agreementId));
    await audit(tx, {
      decisionId,
      companyId: row.companyId,
      versionId,
      version: version.number,
      sha256: version.sha256,
      side: actor.side,
      confirmation: 'email_code',
      confirmedTo: sentTo,
    });
    await announce(tx, publicUrl, row, actor, { event: 'approved', version: version.number, text: null });
  });
}

/** Rejects the latest version with a comment (needed: the other side must know what to change). */
export async function rejectVersion(
  tx: Db,
  actor: AgreementActor,
  agreementId: string,
  companyId: string | undefined,
  versionId: string,
  comment: string,
  origin: RequestOrigin,
  publicUrl: string,
  audit: (tx: Db, details: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  const row = await agreementOf(tx, agreementId, companyId, true);
  const version = await decidable(tx, row, versionId, actor);
  const decisionId = uuidv7();
  await tx.insert(agreementDecisions).values({
    id: decisionId,
    agreementId,
    versionId,
    decision: 'reject',
    side: actor.side,
    personId: actor.id,
    personName: actor.name,
    comment,
    sha256: version.sha256,
    confirmation: null,
    confirmedTo: null,
    ip: origin.ip,
    userAgent: origin.userAgent?.slice(0, 500) ?? null,
  });
  await tx
    .update(agreements)
    .set({ status: 'rejected', updatedAt: new Date() })
    .where(eq(agreements.id, agreementId));
  await audit(tx, {
    decisionId,
    companyId: row.companyId,
    versionId,
    version: version.number,
    sha256: version.sha256,
    side: actor.side,
    comment,
  });
  await announce(tx, publicUrl, row, actor, { event: 'rejected', version: version.number, text: comment });
}

/**
 * Tells everyone involved except the actor: the company's members who may approve, its members and staff
 * who took part (uploaded, commented), and the company's manager. Mail and an in-app notification.
 */
async function announce(
  tx: Db,
  publicUrl: string,
  row: AgreementRow,
  actor: AgreementActor,
  what: {
    event: 'version' | 'comment' | 'approved' | 'rejected';
    version: number;
    text?: string | null | undefined;
  },
): Promise<void> {
  const participants = await queryRows<{ id: string; side: Side }>(
    tx,
    sql`select created_by as id, created_side as side from agreements where id = ${row.id}
        union select uploaded_by, side from agreement_versions where agreement_id = ${row.id}
        union select author_id, side from agreement_comments where agreement_id = ${row.id}`,
  );
  const company = await getCompany(tx, row.companyId);
  const members = await listMembers(tx, row.companyId);
  const memberIds = new Set(members.map((m) => m.userId));
  const recipients = new Map<string, Side>();
  for (const m of members) {
    if (orgPermissionsOf(m.role).includes('agreements.approve')) recipients.set(m.userId, 'company');
  }
  for (const p of participants) {
    // A company-side participant who has left the company no longer hears about it.
    if (isUuid(p.id) && (p.side === 'staff' || memberIds.has(p.id))) recipients.set(p.id, p.side);
  }
  if (company?.managerId) recipients.set(company.managerId, 'staff');
  recipients.delete(actor.id);
  const title = {
    version: { ru: 'новая версия', en: 'new version' },
    comment: { ru: 'новый комментарий', en: 'new comment' },
    approved: { ru: 'согласован', en: 'approved' },
    rejected: { ru: 'отклонён', en: 'rejected' },
  }[what.event];
  for (const [personId, side] of recipients) {
    const link =
      side === 'staff' ? `/admin/agreements/${row.id}` : `/orgs/${row.companyId}/agreements/${row.id}`;
    await notify(tx, {
      userIds: [personId],
      kind: `agreements.${what.event}`,
      title: { ru: `«${row.title}»: ${title.ru}`, en: `"${row.title}": ${title.en}` },
      body: {
        ru: `${actor.name}, версия ${what.version}${what.text ? `: ${what.text.slice(0, 200)}` : ''}`,
        en: `${actor.name}, version ${what.version}${what.text ? `: ${what.text.slice(0, 200)}` : ''}`,
      },
      link,
      data: { agreementId: row.id, event: what.event, version: what.version },
    });
    const person = await getPerson(tx, personId);
    if (!person?.email) continue;
    await queueMail(tx, {
      to: person.email,
      template: agreementActivityMail.name,
      locale: person.locale === 'en' ? 'en' : 'ru',
      vars: {
        title: row.title,
        event: what.event,
        version: what.version,
        who: actor.name,
        text: what.text ?? null,
        url: `${publicUrl}${link}`,
      },
    });
  }
}

/** Where a version's file is downloaded from, in the caller's scope. */
export type VersionUrlOf = (agreementId: string, versionId: string) => string;

const presentVersion = (v: VersionRow, urlOf: VersionUrlOf) => ({
  id: v.id,
  number: v.number,
  fileName: v.fileName,
  contentType: v.contentType,
  size: v.size,
  sha256: v.sha256,
  side: v.side,
  uploadedBy: { id: v.uploadedBy, name: v.uploadedByName },
  note: v.note,
  createdAt: v.createdAt.toISOString(),
  url: urlOf(v.agreementId, v.id),
});

/** Agreements as lists show them, in a fixed number of queries. */
async function presentAgreements(db: Db, rows: AgreementRow[], urlOf: VersionUrlOf) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const parentIds = rows.flatMap((r) => (r.parentId ? [r.parentId] : []));
  const [latest, parents, companies] = await Promise.all([
    db
      .selectDistinctOn([agreementVersions.agreementId])
      .from(agreementVersions)
      .where(inArray(agreementVersions.agreementId, ids))
      .orderBy(agreementVersions.agreementId, desc(agreementVersions.number)),
    parentIds.length
      ? db
          .select({ id: agreements.id, title: agreements.title })
          .from(agreements)
          .where(inArray(agreements.id, parentIds))
      : Promise.resolve([]),
    getCompanies(
      db,
      rows.map((r) => r.companyId),
    ),
  ]);
  const latestOf = new Map(latest.map((v) => [v.agreementId, v]));
  const parentOf = new Map(parents.map((p) => [p.id, p]));
  return rows.map((r) => {
    const version = latestOf.get(r.id) ?? null;
    return {
      id: r.id,
      companyId: r.companyId,
      companyName: companies.get(r.companyId)?.name ?? '',
      kind: r.kind,
      title: r.title,
      parent: r.parentId ? (parentOf.get(r.parentId) ?? null) : null,
      status: r.status,
      createdSide: r.createdSide,
      createdBy: { id: r.createdBy, name: r.createdByName },
      awaitingSide:
        version && (r.status === 'in_review' || r.status === 'draft') ? other(version.side) : null,
      latestVersion: version ? presentVersion(version, urlOf) : null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

/** One agreement with its versions timeline, comments and decisions. */
export async function agreementDetail(
  db: Db,
  id: string,
  companyId: string | undefined,
  urlOf: VersionUrlOf,
) {
  const row = await agreementOf(db, id, companyId);
  const [[summary], versions, comments, decisions] = await Promise.all([
    presentAgreements(db, [row], urlOf),
    versionsOf(db, id),
    db
      .select()
      .from(agreementComments)
      .where(eq(agreementComments.agreementId, id))
      .orderBy(asc(agreementComments.createdAt), asc(agreementComments.id)),
    db
      .select()
      .from(agreementDecisions)
      .where(eq(agreementDecisions.agreementId, id))
      .orderBy(asc(agreementDecisions.createdAt), asc(agreementDecisions.id)),
  ]);
  return {
    ...(summary as NonNullable<typeof summary>),
    versions: versions.map((v) => presentVersion(v, urlOf)),
    comments: comments.map((c) => ({
      id: c.id,
      versionId: c.versionId,
      side: c.side,
      author: { id: c.authorId, name: c.authorName },
      text: c.text,
      createdAt: c.createdAt.toISOString(),
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      versionId: d.versionId,
      decision: d.decision,
      side: d.side,
      person: { id: d.personId, name: d.personName },
      comment: d.comment,
      sha256: d.sha256,
      confirmation: d.confirmation,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}

const cursorShape = z.tuple([z.string(), z.uuid()]);

/** A page of agreements, recently changed first: one company's, or all (back office). */
export async function listAgreements(
  db: Db,
  filter: AgreementListQuery & { companyId?: string | undefined },
  urlOf: VersionUrlOf,
) {
  const where: SQL[] = [];
  if (filter.companyId) where.push(eq(agreements.companyId, filter.companyId));
  if (filter.status) where.push(eq(agreements.status, filter.status));
  if (filter.kind) where.push(eq(agreements.kind, filter.kind));
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor, cursorShape);
    const when = new Date(at);
    where.push(
      or(lt(agreements.updatedAt, when), and(eq(agreements.updatedAt, when), lt(agreements.id, id))) as SQL,
    );
  }
  const rows = await db
    .select()
    .from(agreements)
    .where(and(...where))
    .orderBy(desc(agreements.updatedAt), desc(agreements.id))
    .limit(filter.limit + 1);
  const page = toPage(
    rows,
    filter.limit,
    (r) => r,
    (r) => [r.updatedAt.toISOString(), r.id],
  );
  return { items: await presentAgreements(db, page.items, urlOf), nextCursor: page.nextCursor };
}

/** The stored file of a version in the caller's scope. */
export async function versionFile(
  db: Db,
  storage: FileStorage,
  agreementId: string,
  companyId: string | undefined,
  versionId: string,
) {
  const row = await agreementOf(db, agreementId, companyId);
  const version = await versionOf(db, row.id, versionId);
  const file = await storage.read(version.storageKey);
  if (!file) throw new AppError('NOT_FOUND', 'No such file');
  return { ...file, fileName: version.fileName, contentType: version.contentType };
}
