import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { isValidCorrespondentAccount, isValidSettlementAccount } from '../../shared/requisites.js';
import { companyBankAccounts } from './companies.tables.js';

export interface BankAccountInput {
  bankName: string;
  bik: string;
  settlementAccount: string;
  correspondentAccount?: string | null | undefined;
  isPrimary?: boolean | undefined;
}

/** Bank accounts of a company, the primary one first. */
export async function listBankAccounts(db: Db, companyId: string) {
  return db
    .select()
    .from(companyBankAccounts)
    .where(eq(companyBankAccounts.companyId, companyId))
    .orderBy(desc(companyBankAccounts.isPrimary), asc(companyBankAccounts.createdAt));
}

async function clearPrimary(tx: Db, companyId: string, except: string) {
  await tx
    .update(companyBankAccounts)
    .set({ isPrimary: false })
    .where(and(eq(companyBankAccounts.companyId, companyId), ne(companyBankAccounts.id, except)));
}

/** Adds a bank account; the first one, or one marked primary, becomes the primary account. */
export async function addBankAccount(db: Db, companyId: string, input: BankAccountInput): Promise<string> {
  return db.transaction(async (tx) => {
    const existing = await listBankAccounts(tx, companyId);
    const id = uuidv7();
    const isPrimary = existing.length === 0 || input.isPrimary === true;
    if (isPrimary) await clearPrimary(tx, companyId, id);
    await tx.insert(companyBankAccounts).values({
      id,
      companyId,
      bankName: input.bankName,
      bik: input.bik,
      settlementAccount: input.settlementAccount,
      correspondentAccount: input.correspondentAccount ?? null,
      isPrimary,
    });
    return id;
  });
}

/** Changes a bank account of the company; making it primary unmarks the previous primary one. */
export async function updateBankAccount(
  db: Db,
  companyId: string,
  accountId: string,
  input: Partial<BankAccountInput>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const scope = and(eq(companyBankAccounts.id, accountId), eq(companyBankAccounts.companyId, companyId));
    const [current] = await tx.select().from(companyBankAccounts).where(scope).for('update');
    if (!current) throw new AppError('NOT_FOUND', 'No such bank account');
    const next = {
      ...current,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    };
    assertAccountPair(next);
    // The primary flag only moves to another account; it is never simply cleared.
    if (input.isPrimary === true) await clearPrimary(tx, companyId, accountId);
    await tx
      .update(companyBankAccounts)
      .set({
        bankName: next.bankName,
        bik: next.bik,
        settlementAccount: next.settlementAccount,
        correspondentAccount: next.correspondentAccount ?? null,
        isPrimary: input.isPrimary === true ? true : current.isPrimary,
      })
      .where(scope);
  });
}

/** Deletes a bank account; when it was primary, the oldest remaining one becomes primary. */
export async function deleteBankAccount(db: Db, companyId: string, accountId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(companyBankAccounts)
      .where(and(eq(companyBankAccounts.id, accountId), eq(companyBankAccounts.companyId, companyId)))
      .returning();
    if (!deleted) throw new AppError('NOT_FOUND', 'No such bank account');
    if (!deleted.isPrimary) return;
    const [next] = await listBankAccounts(tx, companyId);
    if (next)
      await tx
        .update(companyBankAccounts)
        .set({ isPrimary: true })
        .where(eq(companyBankAccounts.id, next.id));
  });
}

/** Account numbers are checked against the BIK (a merged PATCH may pair a new BIK with old numbers). */
export function assertAccountPair(account: {
  bik: string;
  settlementAccount: string;
  correspondentAccount?: string | null | undefined;
}): void {
  const errors = [];
  if (!isValidSettlementAccount(account.settlementAccount, account.bik)) {
    errors.push({
      path: 'body.settlementAccount',
      message: 'Account key does not match the BIK: check the account and the BIK',
    });
  }
  if (
    account.correspondentAccount &&
    !isValidCorrespondentAccount(account.correspondentAccount, account.bik)
  ) {
    errors.push({
      path: 'body.correspondentAccount',
      message: 'Correspondent account key does not match the BIK: check the account and the BIK',
    });
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Bank details do not match', errors);
}
