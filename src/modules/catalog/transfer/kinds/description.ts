import sanitizeHtml from 'sanitize-html';

// The same safe subset as the back office's product editor (catalog admin, rich-text.ts), so a description
// imported from a file renders exactly like one typed in the editor. One of the two can go once both are merged.
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

/** A description from a file, reduced to the safe rich-text subset. */
export function sanitizeImportedDescription(html: string): string {
  return sanitizeHtml(html, options).trim();
}
