import { describe, expect, it } from 'vitest';
import type { InvoiceInput, ReconciliationInput, ServiceActInput, UpdInput } from './documents.types.js';
import { MissingRequisitesError } from './missing-requisites-error.js';
import {
  checkInvoiceRequisites,
  checkReconciliationRequisites,
  checkServiceActRequisites,
  checkUpdRequisites,
} from './requisites-check.js';
import { buyer, lines, seller, soleTrader } from './testkit/sample-parties.js';

const head = { position: 'Генеральный директор', name: 'Петров П. П.' };
const accountant = { position: 'Главный бухгалтер', name: 'Сидорова С. С.' };

/** The error a check throws, or null when it passes. */
function failure(check: () => void): MissingRequisitesError | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof MissingRequisitesError) return error;
    throw error;
  }
}

const invoice: InvoiceInput = {
  language: 'ru',
  number: '15',
  date: '2025-03-05',
  seller,
  buyer,
  lines,
  signatories: { head, accountant },
};

describe('requisites checks', () => {
  it('passes complete invoices', () => expect(failure(() => checkInvoiceRequisites(invoice))).toBeNull());

  it('names exactly the invoice fields that are missing', () => {
    const { bic: _bic, ...bankWithoutBic } = seller.bank as NonNullable<typeof seller.bank>;
    const e = failure(() =>
      checkInvoiceRequisites({
        ...invoice,
        seller: { ...seller, kpp: undefined, bank: { ...bankWithoutBic, bic: '' } },
        signatories: {},
        lines: [],
      }),
    );
    expect(e?.document).toBe('invoice');
    expect(e?.missing).toEqual(['seller.kpp', 'seller.bank.bic', 'signatories.head', 'lines']);
    expect(e?.invalid).toEqual([]);
    expect(e?.message).toContain('seller.bank.bic');
  });

  it('names fields that fail their checksum', () => {
    const e = failure(() =>
      checkInvoiceRequisites({
        ...invoice,
        seller: {
          ...seller,
          bank: { ...(seller.bank as NonNullable<typeof seller.bank>), account: '40702810938000000002' },
        },
        buyer: { ...buyer, inn: '1234567895' },
      }),
    );
    expect(e?.missing).toEqual([]);
    expect(e?.invalid).toEqual(['seller.bank.account', 'buyer.inn']);
  });

  it('lets a sole trader go without КПП but not without ОГРНИП on a УПД', () => {
    const upd: UpdInput = {
      status: 1,
      number: '7',
      date: '2025-03-05',
      seller: soleTrader,
      buyer: { ...buyer, inn: '' },
      lines,
      sellerSignatories: { head: { position: 'Индивидуальный предприниматель', name: 'Иванов И. И.' } },
    };
    expect(failure(() => checkUpdRequisites(upd))?.missing).toEqual(['buyer.inn']);
    const noOgrn = failure(() =>
      checkUpdRequisites({ ...upd, buyer, seller: { ...soleTrader, ogrn: undefined } }),
    );
    expect(noOgrn?.missing).toEqual(['seller.ogrn']);
  });

  it('asks an organisation for the chief accountant on a status 1 УПД only', () => {
    const upd: UpdInput = {
      status: 1,
      number: '7',
      date: '2025-03-05',
      seller,
      buyer,
      lines,
      sellerSignatories: { head },
    };
    expect(failure(() => checkUpdRequisites(upd))?.missing).toEqual(['sellerSignatories.accountant']);
    expect(failure(() => checkUpdRequisites({ ...upd, status: 2 }))).toBeNull();
    const noUnit = {
      ...upd,
      status: 2 as const,
      lines: [{ ...lines[0], unitCode: '' } as (typeof lines)[0]],
    };
    expect(failure(() => checkUpdRequisites(noUnit))?.missing).toEqual(['lines[0].unitCode']);
  });

  it('checks the акт and the акт сверки', () => {
    const act: ServiceActInput = {
      language: 'ru',
      number: '3',
      date: '2025-03-05',
      executor: seller,
      customer: { ...buyer, inn: '' },
      lines: [{ ...(lines[0] as (typeof lines)[0]), amount: 1.5 }],
      executorSignatory: { position: '', name: 'Петров П. П.' },
    };
    const e = failure(() => checkServiceActRequisites(act));
    expect(e?.missing).toEqual(['customer.inn', 'executorSignatory.position']);
    expect(e?.invalid).toEqual(['lines[0].amount']);

    const sverka: ReconciliationInput = {
      language: 'ru',
      date: '2025-04-01',
      periodFrom: '2025-01-01',
      periodTo: '2025-03-31',
      seller,
      buyer,
      openingBalance: 0,
      operations: [
        { date: '2025-02-01', document: '', debit: -1, credit: 0 },
        { date: '2025-02-30', document: 'Оплата', debit: 0, credit: 1 },
      ],
      sellerSignatory: head,
      counterpart: 'blank',
    };
    const r = failure(() => checkReconciliationRequisites(sverka));
    expect(r?.document).toBe('reconciliation-act');
    expect(r?.missing).toEqual(['operations[0].document']);
    expect(r?.invalid).toEqual(['operations[0].debit', 'operations[1].date']);
    const reversed = failure(() =>
      checkReconciliationRequisites({ ...sverka, operations: [], periodFrom: '2025-04-01' }),
    );
    expect(reversed?.invalid).toEqual(['periodTo']);
    const badDate = failure(() =>
      checkInvoiceRequisites({ ...invoice, date: '05.03.2025', payBy: '2025-13-01' }),
    );
    expect(badDate?.invalid).toEqual(['date', 'payBy']);
  });
});
