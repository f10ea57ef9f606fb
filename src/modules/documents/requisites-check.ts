import {
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOgrnip,
  isValidSettlementAccount,
} from '../../shared/requisites.js';
import type {
  DocumentLine,
  InvoiceInput,
  Party,
  ReconciliationInput,
  ServiceActInput,
  Signatory,
  UpdInput,
} from './documents.types.js';
import { type DocumentKind, MissingRequisitesError } from './missing-requisites-error.js';
import { isCalendarDate } from './ru/money-format.js';

/**
 * Whether a document has what the law or the payment form needs, checked before drawing so the person gets a
 * list of fields to fill in instead of a document with holes. Checksums reuse src/shared/requisites.ts.
 */

interface PartyRules {
  inn?: boolean;
  address?: boolean;
  bank?: boolean;
  /** ОГРНИП of a sole trader (the УПД prints «реквизиты свидетельства»). */
  soleTraderOgrn?: boolean;
}

const blank = (v: unknown) => v === undefined || v === null || String(v).trim() === '';
/** An organisation has a 10-digit ИНН; sole traders and persons have 12 digits and no КПП. */
export const isOrganisation = (p: Pick<Party, 'inn'>) => /^\d{10}$/.test(p.inn ?? '');

/** Collects missing and invalid field paths, then throws them all at once. */
class Findings {
  readonly missing: string[] = [];
  readonly invalid: string[] = [];

  require(path: string, value: unknown) {
    if (blank(value)) this.missing.push(path);
    return !blank(value);
  }

  validate(path: string, value: string | undefined, ok: (v: string) => boolean) {
    if (!blank(value) && !ok(value as string)) this.invalid.push(path);
  }

  party(path: string, p: Party | undefined, rules: PartyRules) {
    if (!p) return void this.missing.push(path);
    this.require(`${path}.name`, p.name);
    if (rules.inn) this.require(`${path}.inn`, p.inn);
    this.validate(`${path}.inn`, p.inn, isValidInn);
    // КПП is required of organisations only; a sole trader has none.
    if (rules.inn && isOrganisation(p)) this.require(`${path}.kpp`, p.kpp);
    this.validate(`${path}.kpp`, p.kpp, isValidKpp);
    this.validate(`${path}.ogrn`, p.ogrn, (v) => (v.length === 15 ? isValidOgrnip(v) : isValidOgrn(v)));
    if (rules.soleTraderOgrn && !blank(p.inn) && !isOrganisation(p)) this.require(`${path}.ogrn`, p.ogrn);
    if (rules.address) this.require(`${path}.address`, p.address);
    if (rules.bank) this.bank(path, p);
  }

  bank(path: string, p: Party) {
    const b = p.bank;
    this.require(`${path}.bank.name`, b?.name);
    const bicOk = this.require(`${path}.bank.bic`, b?.bic) && isValidBik(b?.bic ?? '');
    this.validate(`${path}.bank.bic`, b?.bic, isValidBik);
    this.require(`${path}.bank.corrAccount`, b?.corrAccount);
    this.require(`${path}.bank.account`, b?.account);
    // Account keys are computed with the БИК, so they can only be judged when the БИК itself is valid.
    if (bicOk && b) {
      this.validate(`${path}.bank.corrAccount`, b.corrAccount, (v) => isValidCorrespondentAccount(v, b.bic));
      this.validate(`${path}.bank.account`, b.account, (v) => isValidSettlementAccount(v, b.bic));
    }
  }

  signatory(path: string, s: Signatory | undefined) {
    if (!s) return void this.missing.push(path);
    this.require(`${path}.name`, s.name);
    this.require(`${path}.position`, s.position);
  }

  header(input: { number: string; date: string }) {
    this.require('number', input.number);
    this.date('date', input.date, true);
  }

  /** A calendar day 'YYYY-MM-DD', required or optional. */
  date(path: string, value: string | undefined, required: boolean) {
    if (required) this.require(path, value);
    this.validate(path, value, isCalendarDate);
  }

  lines(lines: DocumentLine[], needUnitCode: boolean) {
    if (!lines.length) return void this.missing.push('lines');
    lines.forEach((l, i) => {
      this.require(`lines[${i}].name`, l.name);
      this.require(`lines[${i}].unit`, l.unit);
      if (needUnitCode) this.require(`lines[${i}].unitCode`, l.unitCode);
      if (!(Number.isFinite(l.quantity) && l.quantity > 0)) this.invalid.push(`lines[${i}].quantity`);
      if (!Number.isSafeInteger(l.price)) this.invalid.push(`lines[${i}].price`);
      if (!Number.isSafeInteger(l.amount)) this.invalid.push(`lines[${i}].amount`);
    });
  }

  done(kind: DocumentKind) {
    if (this.missing.length || this.invalid.length)
      throw new MissingRequisitesError(kind, this.missing, this.invalid);
  }
}

/** Счёт на оплату: the seller's full bank details (the buyer pays by them) and the head's signature. */
export function checkInvoiceRequisites(input: InvoiceInput): void {
  const f = new Findings();
  f.header(input);
  f.party('seller', input.seller, { inn: true, address: true, bank: true });
  f.party('buyer', input.buyer, {});
  f.date('payBy', input.payBy, false);
  f.signatory('signatories.head', input.signatories.head);
  f.lines(input.lines, false);
  f.done('invoice');
}

/** УПД: НК РФ ст. 169 п. 5 requisites of both parties; status 1 adds the СФ signatures. */
export function checkUpdRequisites(input: UpdInput): void {
  const f = new Findings();
  f.header(input);
  const rules = { inn: true, address: true, soleTraderOgrn: true };
  f.party('seller', input.seller, rules);
  f.party('buyer', input.buyer, { inn: true, address: true });
  if (input.shipper && input.shipper !== 'same') f.party('shipper', input.shipper, { address: true });
  if (input.consignee) f.party('consignee', input.consignee, { address: true });
  f.date('shippedOn', input.shippedOn, false);
  if (input.correction) f.date('correction.date', input.correction.date, true);
  for (const [i, d] of (input.paymentDocuments ?? []).entries())
    f.date(`paymentDocuments[${i}].date`, d.date, true);
  for (const [i, d] of (input.shipmentDocuments ?? []).entries())
    f.date(`shipmentDocuments[${i}].date`, d.date, true);
  const s = input.sellerSignatories;
  f.signatory('sellerSignatories.head', s.head);
  // A sole trader signs alone; an organisation's СФ also needs the chief accountant.
  if (input.status === 1 && isOrganisation(input.seller))
    f.signatory('sellerSignatories.accountant', s.accountant);
  f.lines(input.lines, true);
  f.done('upd');
}

/** Акт: 402-ФЗ ст. 9 ч. 2 — both parties identified and the executor's signatory. */
export function checkServiceActRequisites(input: ServiceActInput): void {
  const f = new Findings();
  f.header(input);
  f.party('executor', input.executor, { inn: true, address: true });
  f.party('customer', input.customer, { inn: true });
  f.signatory('executorSignatory', input.executorSignatory);
  f.lines(input.lines, false);
  f.done('service-act');
}

/** Акт сверки: both parties, the period, the seller's signatory and integer amounts. */
export function checkReconciliationRequisites(input: ReconciliationInput): void {
  const f = new Findings();
  f.date('date', input.date, true);
  f.date('periodFrom', input.periodFrom, true);
  f.date('periodTo', input.periodTo, true);
  if (input.periodFrom > input.periodTo) f.invalid.push('periodTo');
  f.party('seller', input.seller, { inn: true });
  f.party('buyer', input.buyer, { inn: true });
  f.signatory('sellerSignatory', input.sellerSignatory);
  if (!Number.isSafeInteger(input.openingBalance)) f.invalid.push('openingBalance');
  input.operations.forEach((op, i) => {
    f.date(`operations[${i}].date`, op.date, true);
    f.require(`operations[${i}].document`, op.document);
    if (!Number.isSafeInteger(op.debit) || op.debit < 0) f.invalid.push(`operations[${i}].debit`);
    if (!Number.isSafeInteger(op.credit) || op.credit < 0) f.invalid.push(`operations[${i}].credit`);
  });
  f.done('reconciliation-act');
}
