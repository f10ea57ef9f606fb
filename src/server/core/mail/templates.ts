export type Locale = 'ru' | 'en';

export interface RenderedMail {
  subject: string;
  text: string;
  html?: string;
}

/** A mail template: one render function per language; Russian is the fallback. */
export type MailTemplate<V> = { ru: (vars: V) => RenderedMail } & Partial<
  Record<Locale, (vars: V) => RenderedMail>
>;

const registry = new Map<string, MailTemplate<never>>();

/** Registers a template under a name that jobs and outbox subscribers refer to. */
export function defineMailTemplate<V>(name: string, template: MailTemplate<V>): { name: string } {
  registry.set(name, template as MailTemplate<never>);
  return { name };
}

/** Renders template `name` in `locale`, falling back to Russian. */
export function renderMail(name: string, locale: Locale, vars: unknown): RenderedMail {
  const template = registry.get(name);
  if (!template) throw new Error(`mail template ${name} is not registered`);
  const render = (template[locale] ?? template.ru) as (v: unknown) => RenderedMail;
  return render(vars);
}

/** Escapes text for HTML mail bodies. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
