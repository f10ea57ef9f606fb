/**
 * The version of the personal-data processing consent text shown at sign-up (152-ФЗ). Change it when the
 * text changes; each person's record keeps the version they agreed to and when.
 */
export const personalDataConsentVersion = '2026-11-01';
