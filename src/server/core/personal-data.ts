import type { Db } from './db.js';
import type { FileStorage } from './storage.js';

/**
 * The personal-data registry (152-FZ / GDPR). Every module that stores data about a person declares a
 * provider in its `defineModule({ personalData })`; the data export puts each provider's `export()` in
 * the ZIP as `<key>.json`, and account erasure calls each provider's `erase()` after the grace period.
 */
export interface PersonalDataContext {
  /** For `erase`, the transaction of the erasure (all providers commit or none). */
  db: Db;
  storage: FileStorage;
  userId: string;
  /** The person as they were before erasure started: providers match rows by these values. */
  person: { email: string; name: string; phone: string | null };
}

export interface PersonalDataProvider {
  /** File name in the export (`<key>.json`); unique across modules. */
  key: string;
  /** What the module holds about the person, as JSON. Never secrets: no hashes, tokens or keys. */
  export(ctx: PersonalDataContext): Promise<unknown>;
  /**
   * Deletes the person's data, or anonymises rows the business must keep (documents, the audit log).
   * Runs inside one transaction with `kabinet.audit_anonymise` on; must be idempotent.
   */
  erase(ctx: PersonalDataContext): Promise<void>;
  /** Files to delete once the erasure transaction committed (avatars, stored exports, attachments). */
  filesToDelete?(ctx: PersonalDataContext): Promise<string[]>;
}

/** Every provider of the given modules, in module order; duplicate keys are a programming error. */
export function personalDataProviders(
  modules: { name: string; personalData?: PersonalDataProvider[] }[],
): PersonalDataProvider[] {
  const providers = modules.flatMap((m) => m.personalData ?? []);
  const seen = new Set<string>();
  for (const p of providers) {
    if (seen.has(p.key)) throw new Error(`personal-data key ${p.key} is declared twice`);
    seen.add(p.key);
  }
  return providers;
}
