import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { findPersonByEmail } from '../people/people.service.js';
import { invitationMail } from './companies.mail.js';
import { companies, companyInvitations, companyMembers, companyRoles } from './companies.tables.js';
import { addMember, type RoleChoice, resolveRole } from './members.service.js';

/** How long an invitation link works. */
export const invitationDays = 7;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const expiry = (now: Date) => new Date(now.getTime() + invitationDays * 24 * 3600 * 1000);

interface MailContext {
  publicUrl: string;
  inviterName: string;
  locale: 'ru' | 'en';
}

async function sendInvitation(db: Db, companyId: string, email: string, token: string, ctx: MailContext) {
  const [company] = await db
    .select({ name: companies.name })
    .from(companies)
    .where(eq(companies.id, companyId));
  // Someone who already has an account reads it in their own language; a newcomer in the inviter's.
  const invitee = await findPersonByEmail(db, email);
  await queueMail(db, {
    to: email,
    template: invitationMail.name,
    locale: invitee?.locale ?? ctx.locale,
    vars: {
      company: company?.name ?? '',
      inviter: ctx.inviterName,
      url: `${ctx.publicUrl.replace(/\/$/, '')}/invitations/${token}`,
      days: invitationDays,
    },
  });
}

/**
 * Invites an address into a company with a role. A member already there is a conflict; an open invitation
 * to the same address is a conflict too (resend it instead), unless it has expired.
 */
export async function createInvitation(
  db: Db,
  companyId: string,
  input: { email: string; invitedBy: string | null } & RoleChoice,
  ctx: MailContext,
  now = new Date(),
): Promise<string> {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const role = await resolveRole(tx, companyId, input);
    const person = await findPersonByEmail(tx, email);
    if (person) {
      const [member] = await tx
        .select({ userId: companyMembers.userId })
        .from(companyMembers)
        .where(and(eq(companyMembers.companyId, companyId), eq(companyMembers.userId, person.id)));
      if (member) {
        throw new AppError('CONFLICT', 'This person is already a member', [
          { path: 'body.email', message: 'Already a member of the company' },
        ]);
      }
    }
    const [open] = await tx
      .select()
      .from(companyInvitations)
      .where(
        and(
          eq(companyInvitations.companyId, companyId),
          eq(companyInvitations.email, email),
          eq(companyInvitations.status, 'pending'),
        ),
      );
    if (open && open.expiresAt > now) {
      throw new AppError('CONFLICT', 'An invitation to this address is already open', [
        { path: 'body.email', message: 'Already invited: resend the invitation instead' },
      ]);
    }
    if (open)
      await tx
        .update(companyInvitations)
        .set({ status: 'revoked' })
        .where(eq(companyInvitations.id, open.id));
    const id = uuidv7();
    const token = newToken();
    await tx.insert(companyInvitations).values({
      id,
      companyId,
      email,
      ...role,
      tokenHash: hashToken(token),
      invitedBy: input.invitedBy,
      expiresAt: expiry(now),
    });
    await sendInvitation(tx, companyId, email, token, ctx);
    return id;
  });
}

/** Invitations of a company that are still open (expired ones are listed as such), newest first. */
export async function listInvitations(db: Db, companyId: string, now = new Date()) {
  const rows = await db
    .select({
      id: companyInvitations.id,
      email: companyInvitations.email,
      role: companyInvitations.role,
      customRoleId: companyInvitations.customRoleId,
      customRoleName: companyRoles.name,
      expiresAt: companyInvitations.expiresAt,
      createdAt: companyInvitations.createdAt,
    })
    .from(companyInvitations)
    .leftJoin(companyRoles, eq(companyRoles.id, companyInvitations.customRoleId))
    .where(and(eq(companyInvitations.companyId, companyId), eq(companyInvitations.status, 'pending')))
    .orderBy(desc(companyInvitations.createdAt));
  return rows.map((r) => ({ ...r, expired: r.expiresAt <= now }));
}

/** Sends an open invitation again with a new link and a new expiry (the old link stops working). */
export async function resendInvitation(
  db: Db,
  companyId: string,
  invitationId: string,
  ctx: MailContext,
  now = new Date(),
): Promise<string> {
  return db.transaction(async (tx) => {
    const token = newToken();
    const [row] = await tx
      .update(companyInvitations)
      .set({ tokenHash: hashToken(token), expiresAt: expiry(now) })
      .where(
        and(
          eq(companyInvitations.id, invitationId),
          eq(companyInvitations.companyId, companyId),
          eq(companyInvitations.status, 'pending'),
        ),
      )
      .returning({ email: companyInvitations.email });
    if (!row) throw new AppError('NOT_FOUND', 'No such open invitation');
    await sendInvitation(tx, companyId, row.email, token, ctx);
    return row.email;
  });
}

/** Revokes an open invitation; returns its address. */
export async function revokeInvitation(db: Db, companyId: string, invitationId: string): Promise<string> {
  const [row] = await db
    .update(companyInvitations)
    .set({ status: 'revoked' })
    .where(
      and(
        eq(companyInvitations.id, invitationId),
        eq(companyInvitations.companyId, companyId),
        eq(companyInvitations.status, 'pending'),
      ),
    )
    .returning({ email: companyInvitations.email });
  if (!row) throw new AppError('NOT_FOUND', 'No such open invitation');
  return row.email;
}

/** An invitation by its token, with the company and role it offers; unknown tokens are 404. */
export async function invitationByToken(db: Db, token: string, now = new Date()) {
  const [row] = await db
    .select({
      id: companyInvitations.id,
      companyId: companyInvitations.companyId,
      companyName: companies.name,
      email: companyInvitations.email,
      role: companyInvitations.role,
      customRoleId: companyInvitations.customRoleId,
      customRoleName: companyRoles.name,
      status: companyInvitations.status,
      expiresAt: companyInvitations.expiresAt,
    })
    .from(companyInvitations)
    .innerJoin(companies, eq(companies.id, companyInvitations.companyId))
    .leftJoin(companyRoles, eq(companyRoles.id, companyInvitations.customRoleId))
    .where(eq(companyInvitations.tokenHash, hashToken(token)));
  if (!row) throw new AppError('NOT_FOUND', 'This invitation link is not valid');
  const state =
    row.status === 'pending'
      ? row.expiresAt <= now
        ? 'expired'
        : 'open'
      : row.status === 'accepted'
        ? 'accepted'
        : 'revoked';
  return { ...row, state } as const;
}

/** Refuses an invitation that can no longer be used. */
export function assertUsable(invitation: { state: string }): void {
  if (invitation.state === 'expired')
    throw new AppError('INVITATION_EXPIRED', 'This invitation has expired; ask for a new one');
  if (invitation.state !== 'open')
    throw new AppError('INVITATION_USED', 'This invitation has already been used or withdrawn');
}

/**
 * Accepts an invitation for a signed-in person whose e-mail is the invited address: they join the company
 * with the invited role (a member already there keeps their role). Returns the company id.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  person: { id: string; email: string },
  now = new Date(),
): Promise<{ companyId: string; invitationId: string }> {
  return db.transaction(async (tx) => {
    const invitation = await invitationByToken(tx, token, now);
    assertUsable(invitation);
    if (invitation.email !== person.email.trim().toLowerCase()) {
      throw new AppError('INVITATION_WRONG_EMAIL', 'This invitation was sent to another e-mail address');
    }
    // Two tabs accepting at once: only the one that flips the status adds the member.
    const flipped = await tx
      .update(companyInvitations)
      .set({ status: 'accepted', acceptedBy: person.id, acceptedAt: now })
      .where(and(eq(companyInvitations.id, invitation.id), eq(companyInvitations.status, 'pending')))
      .returning({ id: companyInvitations.id });
    if (flipped.length === 0) throw new AppError('INVITATION_USED', 'This invitation has already been used');
    await addMember(tx, invitation.companyId, person.id, {
      role: invitation.role,
      customRoleId: invitation.customRoleId,
    });
    return { companyId: invitation.companyId, invitationId: invitation.id };
  });
}
