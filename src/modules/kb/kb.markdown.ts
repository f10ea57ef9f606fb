import sanitizeHtml from 'sanitize-html';

/** What an article's HTML may hold: text formatting, lists, headings and links; nothing that runs. */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'code',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'a',
    'hr',
  ],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow' }) },
  disallowedTagsMode: 'discard',
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline Markdown of an already escaped line: **bold**, *italic*, `code`, [text](url) (http, https, mailto, /path). */
function inline(line: string): string {
  return line
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|mailto:|\/)[^)\s]+)\)/g, '<a href="$2">$1</a>');
}

/**
 * The editor's Markdown (a small subset: headings `##`/`###`, paragraphs, `-` and `1.` lists, `>` quotes, `---`,
 * inline bold/italic/code/links) as sanitized HTML. Plain text, such as an operator's answer, becomes paragraphs.
 */
export function markdownToHtml(source: string): string {
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
    paragraph = [];
  };
  const closeList = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = escapeHtml(raw.trimEnd());
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (!line.trim()) {
      flush();
      closeList();
    } else if (heading) {
      flush();
      closeList();
      const level = Math.min(4, Math.max(2, (heading[1] as string).length + 1));
      out.push(`<h${level}>${inline(heading[2] as string)}</h${level}>`);
    } else if (/^-{3,}$/.test(line.trim())) {
      flush();
      closeList();
      out.push('<hr>');
    } else if (bullet || numbered) {
      flush();
      const kind = bullet ? 'ul' : 'ol';
      if (list !== kind) {
        closeList();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline(((bullet ?? numbered) as RegExpExecArray)[1] as string)}</li>`);
    } else if (line.startsWith('&gt; ')) {
      flush();
      closeList();
      out.push(`<blockquote>${inline(line.slice(5))}</blockquote>`);
    } else {
      closeList();
      paragraph.push(line.trim());
    }
  }
  flush();
  closeList();
  return sanitizeHtml(out.join('\n'), options).trim();
}
