import en from './en.json';
import ru from './ru.json';
import type { Texts } from './types';

type Language = 'ru' | 'en';

// Each web module keeps its texts beside its pages (src/web/modules/<id>/i18n/<language>.json); they are
// merged under the module's id, so `identity.signIn.title` lives in modules/identity/i18n/ru.json.
const moduleFiles = import.meta.glob<Record<string, unknown>>('../modules/*/i18n/*.json', {
  eager: true,
  import: 'default',
});

function textsFor(language: Language, base: object): Texts {
  const merged: Record<string, unknown> = { ...base };
  for (const [path, texts] of Object.entries(moduleFiles)) {
    const match = /modules\/([^/]+)\/i18n\/([a-z]+)\.json$/.exec(path);
    if (match?.[2] === language && match[1]) merged[match[1]] = texts;
  }
  return merged as Texts;
}

export const texts = { ru: textsFor('ru', ru), en: textsFor('en', en) };
