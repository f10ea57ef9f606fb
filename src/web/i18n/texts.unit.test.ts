import { describe, expect, it } from 'vitest';
import { loadTexts } from './node-texts.js';

/** Every leaf of a texts object as [dotted key, text]. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key));
}

/** A key without its i18next plural suffix: Russian needs `_few`/`_many` forms that English does not. */
const pluralBase = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

/** The distinct keys of a language, plural forms folded into their base key. */
const keysOf = (entries: [string, unknown][]) => [...new Set(entries.map(([key]) => pluralBase(key)))].sort();

describe('UI texts', () => {
  it('have the same keys in Russian and English, and no empty text', () => {
    const ru = leaves(loadTexts('ru'));
    const en = leaves(loadTexts('en'));
    expect(keysOf(en)).toEqual(keysOf(ru));
    const blank = [...ru, ...en].filter(([, text]) => typeof text !== 'string' || text.trim() === '');
    expect(blank).toEqual([]);
  });
});
