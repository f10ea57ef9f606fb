import type { Db } from '../../server/core/db.js';
import { normalizePhone } from '../../shared/phone.js';
import { listAddresses } from '../addresses/addresses.service.js';
import { type OrderRow, recentDeliveries } from '../orders/index.js';
import { type CardPrint, cardOfPayment, cardsOfPerson } from '../payments/payments.cards.js';
import { getPerson } from '../people/people.service.js';
import type { RejectReason } from './referrals.tables.js';

/**
 * An e-mail as one mailbox: lower case, without a `+tag`; Gmail ignores dots in the name, Yandex treats dots
 * and dashes alike and answers on all its domains. `ivan.petrov+shop@gmail.com` and `ivanpetrov@gmail.com` are one.
 */
export function mailboxOf(email: string): string {
  const [rawName = '', rawDomain = ''] = email.trim().toLowerCase().split('@');
  let name = rawName.split('+')[0] ?? '';
  let domain = rawDomain;
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') name = name.replace(/\./g, '');
  if (['ya.ru', 'yandex.com', 'yandex.by', 'yandex.kz', 'yandex.ua'].includes(domain)) domain = 'yandex.ru';
  if (domain === 'yandex.ru') name = name.replace(/-/g, '.');
  return `${name}@${domain}`;
}

const addressNoise = new Set([
  'г',
  'город',
  'ул',
  'улица',
  'д',
  'дом',
  'кв',
  'квартира',
  'оф',
  'офис',
  'корп',
  'корпус',
  'к',
  'стр',
  'строение',
  'пр',
  'пр-т',
  'просп',
  'проспект',
  'пер',
  'переулок',
  'обл',
  'область',
  'респ',
  'р-н',
  'район',
  'ш',
  'шоссе',
  'пл',
  'площадь',
  'наб',
  'набережная',
  'б-р',
  'бульвар',
  'россия',
]);

/** An address as comparable words: case, «ё», punctuation, the postal code and words like «ул.», «д.» do not count. */
export function addressKey(address: string): string {
  return address
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .split(' ')
    .filter((w) => w && !addressNoise.has(w) && !/^\d{6}$/.test(w))
    .join(' ');
}

/** The same one-line form orders snapshot (orders.place.ts), for the address book's entries. */
const addressLine = (a: {
  postalCode: string;
  region: string;
  city: string;
  line: string;
  flat: string | null;
}) =>
  [a.postalCode, a.region, a.city, a.line, a.flat ? `кв./оф. ${a.flat}` : null].filter(Boolean).join(', ');

const phoneOf = (value: string | null | undefined) => (value ? normalizePhone(value) : null);
const sameCard = (a: CardPrint, b: CardPrint) =>
  a.last4 === b.last4 && a.expiryMonth === b.expiryMonth && a.expiryYear === b.expiryYear;

/** How many of a person's latest personal orders are read for their phones and addresses. */
const recentOrders = 30;

/** Phones and delivery addresses a person used: the account, the address book and recent personal orders. */
async function traceOf(db: Db, personId: string, exceptOrderId?: string) {
  const person = await getPerson(db, personId);
  const phones = new Set<string>();
  const addresses = new Set<string>();
  const add = (phone: string | null | undefined, address?: string | null) => {
    const p = phoneOf(phone);
    if (p) phones.add(p);
    if (address) addresses.add(addressKey(address));
  };
  add(person?.phone);
  for (const a of await listAddresses(db, { kind: 'person', userId: personId })) add(a.phone, addressLine(a));
  for (const delivery of await recentDeliveries(db, personId, { limit: recentOrders, exceptOrderId }))
    add(delivery.phone, delivery.kind === 'pickup' ? null : delivery.address);
  addresses.delete('');
  return { person, phones, addresses };
}

/**
 * The first fraud check the friend's first order fails, or null when it passes them all: the same person
 * (another account with the same mailbox or phone), the same phone, the same card, the same delivery address.
 */
export async function fraudReason(
  db: Db,
  referral: { referrerId: string; friendId: string },
  order: OrderRow,
): Promise<RejectReason | null> {
  const referrer = await traceOf(db, referral.referrerId);
  const friend = await traceOf(db, referral.friendId, order.id);
  const rp = phoneOf(referrer.person?.phone);
  const fp = phoneOf(friend.person?.phone);
  if (
    (referrer.person &&
      friend.person &&
      mailboxOf(referrer.person.email) === mailboxOf(friend.person.email)) ||
    (rp && rp === fp)
  )
    return 'same_person';

  const orderPhone = phoneOf(order.delivery.phone);
  if (orderPhone) friend.phones.add(orderPhone);
  if ([...friend.phones].some((p) => referrer.phones.has(p))) return 'same_phone';

  const referrerCards = await cardsOfPerson(db, referral.referrerId);
  if (referrerCards.length) {
    const friendCards = await cardsOfPerson(db, referral.friendId);
    const paidWith = order.paymentId ? await cardOfPayment(db, order.paymentId) : null;
    if (paidWith) friendCards.push(paidWith);
    if (friendCards.some((c) => referrerCards.some((r) => sameCard(c, r)))) return 'same_card';
  }

  if (order.delivery.kind !== 'pickup' && order.delivery.address) {
    const key = addressKey(order.delivery.address);
    if (key && referrer.addresses.has(key)) return 'same_address';
  }
  return null;
}
