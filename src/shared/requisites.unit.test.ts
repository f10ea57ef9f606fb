import { describe, expect, it } from 'vitest';
import { demoCompanies } from '../db/seed/demo-data.js';
import {
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidOgrn,
  isValidOgrnip,
  isValidSettlementAccount,
} from './requisites.js';

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
  it.each([
    ['1027700132195', true],
    ['1022200525819', true],
    ['1027739552642', true],
    ['1022500001325', true],
    ['1022500001328', false],
    ['1027700280937', true],
    ['1027700280938', false],
    ['0022500001325', false],
  ])('OGRN %s valid: %s', (ogrn, valid) => expect(isValidOgrn(ogrn) && ogrn[0] !== '0').toBe(valid));
  it.each([
    ['385768585948949', true],
    ['385768585948948', false],
    ['304500116000157', true],
    ['304500116000154', false],
    // Synthetic vectors whose mod-13 remainder is 10–12: the library bugs in the note reject them.
    ['304770001000002', true],
    ['304770001000110', true],
    ['304770001000121', true],
    ['1027700132195', false],
  ])('OGRNIP %s valid: %s', (ogrnip, valid) => expect(isValidOgrnip(ogrnip)).toBe(valid));
  it('checks the BIK format', () => {
    expect(isValidBik('044525225')).toBe(true);
    expect(isValidBik('049805000')).toBe(true);
    expect(isValidBik('144525225')).toBe(false);
    expect(isValidBik('04452522')).toBe(false);
  });
  it('checks settlement accounts against the BIK', () => {
    expect(isValidSettlementAccount('40602810700000000025', '049805746')).toBe(true);
    expect(isValidSettlementAccount('40702810801400016513', '044525593')).toBe(true);
    expect(isValidSettlementAccount('40702810801400016514', '044525593')).toBe(false);
    expect(isValidSettlementAccount('40702810801400016513', '044525225')).toBe(false);
    expect(isValidSettlementAccount('4070281080140001651', '044525593')).toBe(false);
  });
  it('checks correspondent accounts against the BIK', () => {
    expect(isValidCorrespondentAccount('30101810800000000746', '049805000')).toBe(true);
    expect(isValidCorrespondentAccount('30101810400000000225', '044525225')).toBe(true);
    expect(isValidCorrespondentAccount('30101810400000000226', '044525225')).toBe(false);
    expect(isValidCorrespondentAccount('30101810400000000225', '049805746')).toBe(false);
  });
  it('demo companies carry valid requisites', () => {
    for (const company of Object.values(demoCompanies)) {
      expect(isValidInn(company.inn), company.name).toBe(true);
      expect(isValidOgrn(company.ogrn), company.name).toBe(true);
      expect(isValidKpp(company.kpp), company.name).toBe(true);
    }
  });
});
