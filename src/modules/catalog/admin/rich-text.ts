import sanitizeHtml from 'sanitize-html';

/**
 * The safe subset of HTML a product description may hold: text formatting, lists, headings, tables and links.
 * Scripts, styles, event handlers and images are dropped, so the shop can render the description as HTML.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'hr',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow', target: '_blank' }) },
  disallowedTagsMode: 'discard',
};

/** Sanitises a rich-text description to the safe subset. */
export function sanitizeDescription(html: string): string {
  return sanitizeHtml(html, options).trim();
}
