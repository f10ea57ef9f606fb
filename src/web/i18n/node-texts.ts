import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Texts } from './types';

const webDir = new URL('../', import.meta.url);
const readJson = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;

/**
 * The UI texts of one language read from disk the way the web app merges them (see resources.ts), for
 * Node: the e2e tests and the unit test that compares languages.
 */
export function loadTexts(language: 'ru' | 'en'): Texts {
  const merged = readJson(new URL(`i18n/${language}.json`, webDir));
  for (const module of readdirSync(new URL('modules/', webDir))) {
    const file = new URL(`modules/${module}/i18n/${language}.json`, webDir);
    if (existsSync(file)) merged[module] = readJson(file);
  }
  return merged as Texts;
}
