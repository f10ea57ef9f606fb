import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { MissingRequisitesError } from '../missing-requisites-error.js';
import { seller } from '../testkit/sample-parties.js';
import { type PaymentQrFields, parsePaymentQr, paymentQrPayload, paymentQrPng } from './payment-qr.js';

const bank = seller.bank as NonNullable<typeof seller.bank>;
const fields: PaymentQrFields = {
  name: seller.name,
  personalAcc: bank.account,
  bankName: bank.name,
  bic: bank.bic,
  correspAcc: bank.corrAccount,
  sum: 121000,
  purpose: 'Оплата по счету № 15 от 5 марта 2025 г. | В том числе НДС',
  payeeInn: seller.inn,
  kpp: seller.kpp as string,
};

describe('ГОСТ Р 56042-2014 payment QR', () => {
  it('builds the payload in the standard field order', () => {
    expect(paymentQrPayload(fields)).toBe(
      'ST00012|Name=ООО «Ромашка»|PersonalAcc=40702810938000000001|BankName=ПАО Сбербанк, г. Москва|' +
        'BIC=044525225|CorrespAcc=30101810400000000225|Sum=121000|' +
        'Purpose=Оплата по счету № 15 от 5 марта 2025 г. В том числе НДС|PayeeINN=7707083893|KPP=773601001',
    );
  });

  it('keeps a | in a value from breaking the fields', () => {
    const parsed = parsePaymentQr(paymentQrPayload({ ...fields, name: 'ООО «A|B»\nфилиал' }));
    expect(parsed.header).toBe('ST00012');
    expect(parsed.fields.Name).toBe('ООО «A B» филиал');
    expect(Object.keys(parsed.fields)).toEqual([
      'Name',
      'PersonalAcc',
      'BankName',
      'BIC',
      'CorrespAcc',
      'Sum',
      'Purpose',
      'PayeeINN',
      'KPP',
    ]);
  });

  it('names missing mandatory fields and invalid ones', () => {
    try {
      paymentQrPayload({
        ...fields,
        name: ' | ',
        correspAcc: '',
        personalAcc: '40702810938000000002',
        sum: 1.5,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MissingRequisitesError);
      expect((error as MissingRequisitesError).missing).toEqual(['name', 'correspAcc']);
      expect((error as MissingRequisitesError).invalid).toEqual(['personalAcc', 'sum']);
    }
  });

  it('parses and rejects foreign text', () => {
    expect(() => parsePaymentQr('hello|Name=x')).toThrow(RangeError);
    expect(() => parsePaymentQr('ST00012|Namex')).toThrow(RangeError);
  });

  it('renders a PNG', async () => {
    const png = await paymentQrPng(paymentQrPayload(fields));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('renders a PNG that decodes back to the payload', async () => {
    const payload = paymentQrPayload(fields);
    const image = PNG.sync.read(await paymentQrPng(payload));
    const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(code?.data).toBe(payload);
    expect(parsePaymentQr(code?.data ?? '').fields.Sum).toBe('121000');
  });
});
