import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { getPerson } from '../people/people.service.js';
import { accountByCard, ensureAccount } from './accounts.service.js';
import { cardQrSvg, ean13Svg } from './card.barcode.js';
import { cardNumberProblem, normalizeCardNumber } from './card-number.js';
import { pointsBalance } from './points.service.js';
import { type TierInfo, type TierProgress, tierOf, tierProgressOf } from './tiers.service.js';

export interface LoyaltyCard {
  number: string;
  holderName: string;
  tier: TierInfo | null;
  progress: TierProgress;
  /** Server-rendered images: the QR code and the EAN-13 barcode of `number`. */
  qrSvg: string;
  barcodeSvg: string;
}

/** The person's card (the account is opened on first view), with its QR code, barcode and tier. */
export async function cardOf(db: Db, personId: string, now = new Date()): Promise<LoyaltyCard> {
  const person = await getPerson(db, personId);
  if (!person) throw new AppError('NOT_FOUND', 'Person not found');
  const account = await ensureAccount(db, personId);
  const progress = await tierProgressOf(db, personId, now);
  return {
    number: account.cardNumber,
    holderName: person.name,
    tier: progress.current,
    progress,
    qrSvg: await cardQrSvg(account.cardNumber),
    barcodeSvg: ean13Svg(account.cardNumber),
  };
}

/** `+7 *** ***-**-67`: enough for the cashier to ask «the number ending in 67?», nothing more. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return '***';
  return `${phone.startsWith('+') ? '+' : ''}${digits.slice(0, digits.length > 10 ? digits.length - 10 : 0)} *** ***-**-${digits.slice(-2)}`;
}

/** `i***@example.ru`. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export interface TillLookup {
  number: string;
  personId: string;
  name: string;
  phone: string | null;
  email: string | null;
  tier: TierInfo | null;
  balance: number;
  status: 'active' | 'blocked';
}

/** The till's lookup by a scanned or typed card number: 400 with the reason when malformed, 404 when unknown. */
export async function lookupCard(db: Db, raw: string, now = new Date()): Promise<TillLookup> {
  const number = normalizeCardNumber(raw);
  const problem = cardNumberProblem(number);
  if (problem)
    throw new AppError('VALIDATION_FAILED', problem, [{ path: 'params.number', message: problem }]);
  const account = await accountByCard(db, number);
  const person = account ? await getPerson(db, account.personId) : null;
  if (!account || !person) throw new AppError('NOT_FOUND', 'No card with this number');
  const tier = await tierOf(db, person.id);
  const balance = await pointsBalance(db, person.id, now);
  return {
    number,
    personId: person.id,
    name: person.name,
    phone: maskPhone(person.phone),
    email: maskEmail(person.email),
    tier,
    balance: balance.points,
    status: person.blockedAt ? 'blocked' : 'active',
  };
}
