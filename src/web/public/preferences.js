// Applies the saved colour scheme and language before React starts, so the first paint has the
// right theme (no white flash in dark mode) and the right <html lang>. Keys match src/web/app/preferences.ts.
(() => {
  const root = document.documentElement;
  let scheme = 'light';
  let language = null;
  try {
    scheme = window.localStorage.getItem('kabinet-color-scheme');
    language = window.localStorage.getItem('kabinet-language');
  } catch (_error) {
    // Storage disabled: fall back to the system preference and the page's default language.
  }
  if (scheme !== 'light' && scheme !== 'dark') {
    scheme = window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  root.setAttribute('data-mantine-color-scheme', scheme);
  if (language === 'ru' || language === 'en') root.setAttribute('lang', language);
})();
