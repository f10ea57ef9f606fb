import { describe, expect, it } from 'vitest';
import { demoCompanies } from '../db/seed/demo-data.js';
import { isValidInn, isValidKpp, isValidOgrn } from './requisites.js';

// Vectors from ../shared/docs/ru-documents.md §1–3.
describe('Russian requisites', () => {
  it.each([
    '1234567894',
    '6449013711',
    '1111111117',
    '7707083893',
    '0108003670',
    '123456789047',
    '635277570478',
    '005826107187',
  ])('INN %s is valid', (inn) => expect(isValidInn(inn)).toBe(true));
  it.each([
    '1234567895',
    '1111111111',
    '123456789037',
    '635277570473',
    '423543534553',
    '12345',
    'abcdefghij',
  ])('INN %s is invalid', (inn) => expect(isValidInn(inn)).toBe(false));
  it('checks OGRN (mod 11) and OGRNIP (mod 13)', () => {
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('1027700132196')).toBe(false);
    expect(isValidOgrn('304500116000157')).toBe(true);
    expect(isValidOgrn('304500116000158')).toBe(false);
  });
  it('checks the KPP format', () => {
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    expect(isValidKpp('77360100')).toBe(false);
  });
  it('demo companies carry valid requisites', () => {
    for (const company of Object.values(demoCompanies)) {
      expect(isValidInn(company.inn), company.name).toBe(true);
      expect(isValidOgrn(company.ogrn), company.name).toBe(true);
      expect(isValidKpp(company.kpp), company.name).toBe(true);
    }
  });
});
