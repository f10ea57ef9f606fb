import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of every page of a PDF, joined by spaces, with runs of whitespace (including the no-break space
 * of ru-RU numbers) collapsed, so assertions read like the printed document.
 */
export async function pdfText(data: Buffer): Promise<{ text: string; pages: number }> {
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return { text: parts.join(' ').replace(/[\s\u00a0]+/g, ' '), pages };
}

/** The same collapsing for expected strings (formatRub returns U+00A0 group separators). */
export const plain = (s: string) => s.replace(/[\s\u00a0]+/g, ' ');
