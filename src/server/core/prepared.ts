import type { SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { Db } from './db.js';

/** FNV-1a of the statement text: tells the shapes of one statement apart (docs/performance.md). */
function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Statement names by text: hashing a few kilobytes per call showed in the profile of placing orders. */
const names = new Map<string, Map<string, string>>();

function statementName(name: string, text: string): string {
  let shapes = names.get(name);
  if (!shapes) {
    shapes = new Map();
    names.set(name, shapes);
  }
  let full = shapes.get(text);
  if (full === undefined) {
    full = `${name}_${textHash(text)}`;
    // Shapes are bounded (see below); the cap only guards against a caller that is not.
    if (shapes.size >= 1000) shapes.clear();
    shapes.set(text, full);
  }
  return full;
}

/**
 * Runs a raw statement as a named (prepared) statement: on PostgreSQL each pooled connection parses and plans it
 * once and then only binds and executes it, which is most of what the server spends on a short statement (the
 * placing of an order spends ~3 ms of its ~11 ms planning). The name gets a hash of the text, so a statement
 * whose text varies with its input (a filter present or not) becomes one named statement per shape. Only for
 * statements with a bounded number of shapes: every shape stays prepared on every connection. PGlite ignores
 * the name (it runs in-process; there is no protocol to save).
 */
export async function preparedRows<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const { session, dialect } = db as unknown as { session: PgSession; dialect: PgDialect };
  const built = dialect.sqlToQuery(query);
  const prepared = session.prepareQuery(built, undefined, statementName(name, built.sql), false);
  const result = (await prepared.execute()) as { rows: T[] };
  return result.rows;
}
