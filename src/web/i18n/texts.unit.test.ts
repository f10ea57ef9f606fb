import { describe, expect, it } from 'vitest';
import { loadTexts } from './node-texts.js';

/** Every leaf of a texts object as [dotted key, text]. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key));
}

describe('UI texts', () => {
  it('have the same keys in Russian and English, and no empty text', () => {
    const ru = leaves(loadTexts('ru'));
    const en = leaves(loadTexts('en'));
    expect(en.map(([key]) => key).sort()).toEqual(ru.map(([key]) => key).sort());
    const blank = [...ru, ...en].filter(([, text]) => typeof text !== 'string' || text.trim() === '');
    expect(blank).toEqual([]);
  });
});
