import { z } from 'zod';
import { AppError } from './errors.js';

/** Query parameters every list takes: `limit` (1–100) and an opaque `cursor`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(512).optional(),
});

/** Encodes a keyset position (the sort values of the last row) as an opaque cursor. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; a tampered cursor is a 400, not a 500. */
export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.infer<T> {
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is not valid', [
      { path: 'cursor', message: 'Use the nextCursor value from the previous page' },
    ]);
  }
}

/** Builds `{ items, nextCursor }` from a page fetched with `limit + 1` rows. */
export function toPage<R, I>(
  rows: R[],
  limit: number,
  present: (row: R) => I,
  cursorOf: (row: R) => (string | number)[],
) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(present),
    nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null,
  };
}

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
