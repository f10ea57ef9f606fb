import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { addStaffRoles } from './people-admin.service.js';
import { staffInvitations } from './staff.tables.js';

/** How long a staff invitation link works. */
export const staffInvitationDays = 7;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function newToken() {
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + staffInvitationDays * 24 * 3600_000),
  };
}

/** Invitations that are neither accepted nor revoked, newest first (expired ones included, marked). */
export async function listOpenInvitations(db: Db) {
  const rows = await db
    .select()
    .from(staffInvitations)
    .where(and(isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
    .orderBy(desc(staffInvitations.id))
    .limit(100);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    roles: r.roles,
    expiresAt: r.expiresAt.toISOString(),
    expired: r.expiresAt.getTime() <= Date.now(),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Creates an invitation; the token is returned once (for the mail) and only its hash is stored. */
export async function createInvitation(
  db: Db,
  input: { email: string; roles: string[]; invitedBy: string | null },
) {
  const { token, tokenHash, expiresAt } = newToken();
  const id = uuidv7();
  await db.insert(staffInvitations).values({
    id,
    email: input.email.trim().toLowerCase(),
    roles: input.roles,
    tokenHash,
    expiresAt,
    invitedBy: input.invitedBy,
  });
  return { id, token, expiresAt };
}

async function openInvitation(db: Db, id: string) {
  const [row] = await db
    .select()
    .from(staffInvitations)
    .where(
      and(
        eq(staffInvitations.id, id),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
      ),
    );
  if (!row) throw new AppError('NOT_FOUND', 'No such open invitation');
  return row;
}

/** Gives an open invitation a new token and a new expiry (the old link stops working). */
export async function renewInvitation(db: Db, id: string) {
  const row = await openInvitation(db, id);
  const { token, tokenHash, expiresAt } = newToken();
  await db.update(staffInvitations).set({ tokenHash, expiresAt }).where(eq(staffInvitations.id, id));
  return { id, email: row.email, roles: row.roles, token, expiresAt };
}

/** Revokes an open invitation. */
export async function revokeInvitation(db: Db, id: string) {
  const row = await openInvitation(db, id);
  await db.update(staffInvitations).set({ revokedAt: new Date() }).where(eq(staffInvitations.id, id));
  return { id, email: row.email };
}

/**
 * Accepts an invitation for the signed-in person: the token must be live and the invitation addressed to
 * their e-mail. A wrong, used, revoked or expired token, or someone else's invitation, all look the same.
 */
export async function acceptInvitation(db: Db, token: string, person: { id: string; email: string }) {
  const [row] = await db
    .select()
    .from(staffInvitations)
    .where(
      and(
        eq(staffInvitations.tokenHash, hashToken(token)),
        isNull(staffInvitations.acceptedAt),
        isNull(staffInvitations.revokedAt),
        gt(staffInvitations.expiresAt, new Date()),
      ),
    );
  if (!row || row.email !== person.email.toLowerCase()) {
    throw new AppError('NOT_FOUND', 'This invitation is not valid (it may have expired or been revoked)');
  }
  await db.update(staffInvitations).set({ acceptedAt: new Date() }).where(eq(staffInvitations.id, row.id));
  await addStaffRoles(db, person.id, row.roles);
  return { id: row.id, roles: row.roles };
}
