import { z } from 'zod';
import { isValidBik, isValidInn, isValidKpp, isValidOgrn } from './requisites.js';

/** Zod field rules for Russian requisites, shared by the API and the web forms. */
export const innField = z
  .string()
  .trim()
  .regex(/^\d{10}$|^\d{12}$/, 'INN has 10 digits (company) or 12 digits (person, sole trader)')
  .refine(isValidInn, 'INN check digit does not match: check the number');

export const kppField = z
  .string()
  .trim()
  .refine(isValidKpp, 'KPP has 9 characters: 4 digits, 2 digits or letters, 3 digits');

export const ogrnField = z
  .string()
  .trim()
  .regex(/^\d{13}$|^\d{15}$/, 'OGRN has 13 digits (OGRNIP: 15)')
  .refine(isValidOgrn, 'OGRN check digit does not match: check the number');

export const bikField = z.string().trim().refine(isValidBik, 'BIK has 9 digits and starts with 04');

/** A 20-digit bank account number (checked against the BIK by the object's refinement). */
export const accountField = z
  .string()
  .trim()
  .regex(/^\d{20}$/, 'An account number has 20 digits');
