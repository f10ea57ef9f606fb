import { describe, expect, it } from 'vitest';
import { bodyOf, emptyAddress, problemsOf, serverPathOf } from './validation';

const filled = {
  ...emptyAddress,
  label: 'Дом',
  recipientName: 'Иван Петров',
  phone: '8 916 123-45-67',
  postalCode: '101000',
  region: 'Москва',
  city: 'Москва',
  line: 'ул. Мясницкая, 1',
};

describe('address form checks', () => {
  it('accepts a filled address and sends empty optional fields as null', () => {
    expect(problemsOf(filled, false)).toEqual({});
    expect(bodyOf(filled, false)).toMatchObject({ flat: null, comment: null, location: null });
    expect(bodyOf(filled, false)).not.toHaveProperty('consignee');
    expect(bodyOf(filled, true)).toMatchObject({ consignee: null });
  });

  it('flags what the server would refuse', () => {
    expect(
      problemsOf({ ...emptyAddress, phone: '12', postalCode: '1234', lat: '95', lon: '10' }, false),
    ).toEqual({
      label: 'addresses.validation.required',
      recipientName: 'addresses.validation.required',
      region: 'addresses.validation.required',
      city: 'addresses.validation.required',
      line: 'addresses.validation.required',
      phone: 'addresses.validation.phone',
      postalCode: 'addresses.validation.postalCode',
      lat: 'addresses.validation.lat',
    });
  });

  it('checks the consignee: INN check digit, KPP for an organisation, none for a sole trader', () => {
    const withConsignee = { ...filled, hasConsignee: true, consigneeName: 'ООО «Вода»' };
    expect(problemsOf({ ...withConsignee, consigneeInn: '6671043210' }, true)).toEqual({
      consigneeInn: 'addresses.validation.inn',
    });
    expect(problemsOf({ ...withConsignee, consigneeInn: '6671043211' }, true)).toEqual({
      consigneeKpp: 'addresses.validation.kpp',
    });
    expect(
      problemsOf({ ...withConsignee, consigneeInn: '500100732259', consigneeKpp: '667101001' }, true),
    ).toEqual({ consigneeKpp: 'addresses.validation.noKpp' });
    // The consignee is ignored on a personal address.
    expect(problemsOf({ ...withConsignee, consigneeInn: 'x' }, false)).toEqual({});
  });

  it('reads coordinates with a decimal comma and maps fields to the server’s error paths', () => {
    expect(bodyOf({ ...filled, lat: '55,76', lon: '37.63' }, false).location).toEqual({
      lat: 55.76,
      lon: 37.63,
    });
    expect(serverPathOf('consigneeInn')).toBe('body.consignee.inn');
    expect(serverPathOf('consigneeContact')).toBe('body.consignee.contactName');
    expect(serverPathOf('lat')).toBe('body.location.lat');
    expect(serverPathOf('postalCode')).toBe('body.postalCode');
  });
});
