import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import { recordAudit } from '../../audit/audit.service.js';
import { accounts } from '../identity.tables.js';
import { passkeys } from './passkeys.tables.js';

/** Better Auth's provider id of a password. */
const passwordProvider = 'credential';

/** How many ways to sign in a person has: a password, external accounts, passkeys. */
async function signInMethodCount(db: Db, userId: string): Promise<number> {
  const [a] = await db.select({ n: count() }).from(accounts).where(eq(accounts.userId, userId));
  const [p] = await db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  return (a?.n ?? 0) + (p?.n ?? 0);
}

async function refuseLastMethod(db: Db, userId: string): Promise<void> {
  if ((await signInMethodCount(db, userId)) <= 1) {
    throw new AppError(
      'LAST_SIGN_IN_METHOD',
      'This is your only way to sign in: add a password, a passkey or another account first',
    );
  }
}

/** The external accounts (Yandex ID, VK ID, Google, OIDC) linked to the person. */
export async function listExternalAccounts(db: Db, userId: string) {
  const rows = await db
    .select({ id: accounts.id, providerId: accounts.providerId, createdAt: accounts.createdAt })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), ne(accounts.providerId, passwordProvider)))
    .orderBy(asc(accounts.createdAt));
  return rows.map((r) => ({ id: r.id, provider: r.providerId, linkedAt: r.createdAt.toISOString() }));
}

/** Unlinks an external account, unless it is the person's last way to sign in. */
export async function unlinkExternalAccount(db: Db, request: FastifyRequest, userId: string, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: accounts.id, providerId: accounts.providerId })
      .from(accounts)
      .where(and(eq(accounts.id, id), eq(accounts.userId, userId), ne(accounts.providerId, passwordProvider)))
      .for('update');
    if (!row) throw new AppError('NOT_FOUND', 'No such linked account');
    await refuseLastMethod(tx, userId);
    await tx.delete(accounts).where(eq(accounts.id, row.id));
    await recordAudit(tx, request, {
      action: 'auth.account_unlinked',
      details: { provider: row.providerId },
    });
  });
}

const passkeyColumns = {
  id: passkeys.id,
  name: passkeys.name,
  deviceType: passkeys.deviceType,
  backedUp: passkeys.backedUp,
  createdAt: passkeys.createdAt,
};

type PasskeyRow = { id: string; name: string | null; deviceType: string; backedUp: boolean; createdAt: Date };

const presentPasskey = (r: PasskeyRow) => ({
  id: r.id,
  name: r.name ?? null,
  deviceType: r.deviceType,
  backedUp: r.backedUp,
  createdAt: r.createdAt.toISOString(),
});

/** The person's passkeys, oldest first. */
export async function listPasskeys(db: Db, userId: string) {
  const rows = await db
    .select(passkeyColumns)
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
  return rows.map(presentPasskey);
}

/** Renames one of the person's passkeys. */
export async function renamePasskey(
  db: Db,
  request: FastifyRequest,
  userId: string,
  id: string,
  name: string,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(passkeys)
      .set({ name })
      .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
      .returning(passkeyColumns);
    if (!row) throw new AppError('NOT_FOUND', 'No such passkey');
    await recordAudit(tx, request, { action: 'passkey.renamed', details: { passkeyId: id, name } });
    return presentPasskey(row);
  });
}

/** Deletes one of the person's passkeys, unless it is their last way to sign in. */
export async function deletePasskey(db: Db, request: FastifyRequest, userId: string, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: passkeys.id, name: passkeys.name })
      .from(passkeys)
      .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
      .for('update');
    if (!row) throw new AppError('NOT_FOUND', 'No such passkey');
    await refuseLastMethod(tx, userId);
    await tx.delete(passkeys).where(eq(passkeys.id, id));
    await recordAudit(tx, request, { action: 'passkey.deleted', details: { passkeyId: id, name: row.name } });
  });
}
