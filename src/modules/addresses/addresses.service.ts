import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { AddressPatch, CompanyAddressInput } from './addresses.schema.js';
import { deliveryAddresses } from './addresses.tables.js';

/** Whose address book: a person's own (B2C) or a company's. */
export type AddressOwner = { kind: 'person'; userId: string } | { kind: 'company'; companyId: string };

/** At most this many addresses per owner: enough for any real book, and it bounds the list and the UI. */
export const addressBookLimit = 50;

type Row = typeof deliveryAddresses.$inferSelect;

const ownedBy = (owner: AddressOwner) =>
  owner.kind === 'person'
    ? eq(deliveryAddresses.userId, owner.userId)
    : eq(deliveryAddresses.companyId, owner.companyId);

const scoped = (owner: AddressOwner, id: string) => and(ownedBy(owner), eq(deliveryAddresses.id, id));

/** The address as the API and checkout see it. */
export function presentAddress(row: Row) {
  return {
    id: row.id,
    label: row.label,
    recipientName: row.recipientName,
    phone: row.phone,
    postalCode: row.postalCode,
    region: row.region,
    city: row.city,
    line: row.line,
    flat: row.flat,
    comment: row.comment,
    location: row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : null,
    consignee:
      row.consigneeName && row.consigneeInn
        ? {
            name: row.consigneeName,
            inn: row.consigneeInn,
            kpp: row.consigneeKpp,
            contactName: row.consigneeContact,
            phone: row.consigneePhone,
          }
        : null,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type DeliveryAddress = ReturnType<typeof presentAddress>;

/** The owner's addresses, the default first, then oldest first. */
export async function listAddresses(db: Db, owner: AddressOwner): Promise<DeliveryAddress[]> {
  const rows = await db
    .select()
    .from(deliveryAddresses)
    .where(ownedBy(owner))
    .orderBy(desc(deliveryAddresses.isDefault), asc(deliveryAddresses.createdAt), asc(deliveryAddresses.id));
  return rows.map(presentAddress);
}

/**
 * Serialises writes to one owner's book (limit count, first-is-default) on PostgreSQL; on PGlite the single
 * connection already does.
 */
async function lockBook(tx: Db, owner: AddressOwner) {
  const key = owner.kind === 'person' ? `addresses:u:${owner.userId}` : `addresses:c:${owner.companyId}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/** Columns from the input; only the keys present in a patch are set. */
function columnsOf(input: AddressPatch): Partial<typeof deliveryAddresses.$inferInsert> {
  const columns: Partial<typeof deliveryAddresses.$inferInsert> = {};
  const copy = ['label', 'recipientName', 'phone', 'postalCode', 'region', 'city', 'line'] as const;
  for (const key of copy) if (input[key] !== undefined) columns[key] = input[key];
  if (input.flat !== undefined) columns.flat = input.flat;
  if (input.comment !== undefined) columns.comment = input.comment;
  if (input.location !== undefined) {
    columns.lat = input.location?.lat ?? null;
    columns.lon = input.location?.lon ?? null;
  }
  if (input.consignee !== undefined) {
    const c = input.consignee;
    columns.consigneeName = c?.name ?? null;
    columns.consigneeInn = c?.inn ?? null;
    columns.consigneeKpp = c?.kpp ?? null;
    columns.consigneeContact = c?.contactName ?? null;
    columns.consigneePhone = c?.phone ?? null;
  }
  return columns;
}

async function clearDefault(tx: Db, owner: AddressOwner, except: string) {
  await tx
    .update(deliveryAddresses)
    .set({ isDefault: false })
    .where(and(ownedBy(owner), ne(deliveryAddresses.id, except), eq(deliveryAddresses.isDefault, true)));
}

/** Adds an address; the first one, or one marked default, becomes the default. */
export async function createAddress(
  db: Db,
  owner: AddressOwner,
  input: Omit<CompanyAddressInput, 'consignee'> & { consignee?: CompanyAddressInput['consignee'] },
): Promise<DeliveryAddress> {
  return db.transaction(async (tx) => {
    await lockBook(tx, owner);
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(deliveryAddresses).where(ownedBy(owner));
    if (n >= addressBookLimit) {
      throw new AppError(
        'ADDRESS_BOOK_FULL',
        `At most ${addressBookLimit} delivery addresses: delete one you no longer use first`,
      );
    }
    const id = uuidv7();
    const isDefault = n === 0 || input.isDefault === true;
    if (isDefault) await clearDefault(tx, owner, id);
    const [row] = await tx
      .insert(deliveryAddresses)
      .values({
        id,
        userId: owner.kind === 'person' ? owner.userId : null,
        companyId: owner.kind === 'company' ? owner.companyId : null,
        label: input.label,
        recipientName: input.recipientName,
        phone: input.phone,
        postalCode: input.postalCode,
        region: input.region,
        city: input.city,
        line: input.line,
        ...columnsOf({ ...input, consignee: input.consignee ?? null }),
        isDefault,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    return presentAddress(row);
  });
}

/** Changes an address of the owner (the default flag moves only through `makeDefault`). */
export async function updateAddress(
  db: Db,
  owner: AddressOwner,
  id: string,
  patch: AddressPatch,
): Promise<DeliveryAddress> {
  const [row] = await db
    .update(deliveryAddresses)
    .set({ ...columnsOf(patch), updatedAt: new Date() })
    .where(scoped(owner, id))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'No such address');
  return presentAddress(row);
}

/** Makes an address the owner's default; the previous default is cleared in the same transaction. */
export async function makeDefault(db: Db, owner: AddressOwner, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockBook(tx, owner);
    const [found] = await tx
      .select({ id: deliveryAddresses.id })
      .from(deliveryAddresses)
      .where(scoped(owner, id));
    if (!found) throw new AppError('NOT_FOUND', 'No such address');
    await clearDefault(tx, owner, id);
    await tx.update(deliveryAddresses).set({ isDefault: true }).where(scoped(owner, id));
  });
}

/** Deletes an address; when it was the default, the oldest remaining one becomes the default. */
export async function deleteAddress(db: Db, owner: AddressOwner, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockBook(tx, owner);
    const [deleted] = await tx.delete(deliveryAddresses).where(scoped(owner, id)).returning();
    if (!deleted) throw new AppError('NOT_FOUND', 'No such address');
    if (!deleted.isDefault) return;
    const [next] = await tx
      .select({ id: deliveryAddresses.id })
      .from(deliveryAddresses)
      .where(ownedBy(owner))
      .orderBy(asc(deliveryAddresses.createdAt), asc(deliveryAddresses.id))
      .limit(1);
    if (next)
      await tx.update(deliveryAddresses).set({ isDefault: true }).where(eq(deliveryAddresses.id, next.id));
  });
}

/**
 * For checkout: the address as it is now, to copy into the order (an order keeps its snapshot even when the
 * address is later changed or deleted), or null when the owner has no such address. `addressId` may be any
 * string: a malformed id is simply not found.
 */
export async function addressForCheckout(
  db: Db,
  owner: AddressOwner,
  addressId: string,
): Promise<CheckoutAddress | null> {
  const query = checkoutAddressQuery(db, owner, addressId);
  if (!query) return null;
  // A named statement: checkout reads it on every order (docs/performance.md).
  const [row] = await query.prepare(`address_for_checkout_${owner.kind}`).execute();
  return row ? checkoutAddressOf(row) : null;
}

export type CheckoutAddress = Omit<DeliveryAddress, 'isDefault' | 'createdAt' | 'updatedAt'>;

/** The select behind `addressForCheckout` (null for an id that cannot be one); placing runs it in its own statement. */
export function checkoutAddressQuery(db: Db, owner: AddressOwner, addressId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(addressId)) return null;
  return db.select().from(deliveryAddresses).where(scoped(owner, addressId));
}

/** The address as an order's delivery snapshot takes it. */
export function checkoutAddressOf(row: Row): CheckoutAddress {
  const { isDefault: _d, createdAt: _c, updatedAt: _u, ...snapshot } = presentAddress(row);
  return snapshot;
}

/** The owner's default address, for checkout to preselect; null when the book is empty. */
export async function defaultAddressId(db: Db, owner: AddressOwner): Promise<string | null> {
  const [row] = await db
    .select({ id: deliveryAddresses.id })
    .from(deliveryAddresses)
    .where(and(ownedBy(owner), eq(deliveryAddresses.isDefault, true)));
  return row?.id ?? null;
}
