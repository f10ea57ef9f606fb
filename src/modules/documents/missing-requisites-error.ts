/** The kinds of documents the renderers produce. */
export type DocumentKind =
  | 'invoice'
  | 'upd'
  | 'service-act'
  | 'reconciliation-act'
  | 'order-confirmation'
  | 'payment-qr';

/**
 * A document cannot be generated because requisites are missing or fail their checksum. `missing` and
 * `invalid` hold field paths of the input (`seller.bank.bic`, `buyer.inn`) so the caller can tell the person
 * exactly what to fill in. Not an AppError on purpose: the module that calls the renderers maps it.
 */
export class MissingRequisitesError extends Error {
  readonly document: DocumentKind;
  readonly missing: string[];
  readonly invalid: string[];

  constructor(document: DocumentKind, missing: string[], invalid: string[] = []) {
    const parts = [
      missing.length ? `missing: ${missing.join(', ')}` : '',
      invalid.length ? `invalid: ${invalid.join(', ')}` : '',
    ].filter(Boolean);
    super(`Cannot generate ${document}: ${parts.join('; ')}`);
    this.name = 'MissingRequisitesError';
    this.document = document;
    this.missing = missing;
    this.invalid = invalid;
  }
}
