// Every table, re-exported for Drizzle (queries and drizzle-kit). Each module owns its own file.
export * from '../modules/audit/audit.tables.js';
export * from '../modules/catalog/catalog.tables.js';
export * from '../modules/catalog/transfer/transfer.tables.js';
export * from '../modules/companies/companies.tables.js';
export * from '../modules/devmail/devmail.tables.js';
export * from '../modules/exchange1c/exchange1c.tables.js';
export * from '../modules/identity/external/passkeys.tables.js';
export * from '../modules/identity/identity.tables.js';
export * from '../modules/identity/phone/phone.tables.js';
export * from '../modules/identity/throttle.tables.js';
export * from '../modules/identity/two-factor/two-factor.tables.js';
export * from '../modules/people/people.tables.js';
export * from '../modules/people/staff.tables.js';
export * from '../modules/profile/profile.tables.js';
export * from '../modules/settings/settings.tables.js';
export * from '../modules/sms/sms.tables.js';
export * from '../server/core/jobs/jobs.tables.js';
