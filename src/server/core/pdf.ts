import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * Server-side PDF documents (invoices, order forms, acts…) with pdfkit and the DejaVu fonts, which cover
 * Cyrillic. Generic: a caller draws on the document; `pdfTable` lays out a table across pages.
 */

const require = createRequire(import.meta.url);

/** The embedded fonts, registered on every document under these names. */
export const pdfFonts = {
  regular: 'DejaVuSans',
  bold: 'DejaVuSans-Bold',
} as const;

const fontFiles: Record<(typeof pdfFonts)[keyof typeof pdfFonts], string> = {
  DejaVuSans: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  'DejaVuSans-Bold': require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

export type PdfDoc = PDFKit.PDFDocument;

export interface PdfOptions {
  /** Document title and author in the PDF metadata. */
  title?: string;
  author?: string;
  size?: 'A4' | 'A5';
  layout?: 'portrait' | 'landscape';
  /** Page margins in points (default 40). */
  margin?: number;
  /** Language of the text, e.g. `ru` (PDF /Lang, for screen readers). */
  lang?: string;
}

/** Renders a document: `draw` writes on it (synchronously or not); the finished PDF comes back as a Buffer. */
export async function renderPdf(
  draw: (doc: PdfDoc) => void | Promise<void>,
  options: PdfOptions = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margin: options.margin ?? 40,
    bufferPages: true,
    info: {
      ...(options.title ? { Title: options.title } : {}),
      ...(options.author ? { Author: options.author } : {}),
      Creator: 'Kabinet',
    },
    ...(options.lang ? { lang: options.lang } : {}),
  });
  for (const [name, file] of Object.entries(fontFiles)) doc.registerFont(name, file);
  doc.font(pdfFonts.regular);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    await draw(doc);
  } catch (error) {
    doc.end();
    await done.catch(() => undefined);
    throw error;
  }
  doc.end();
  return done;
}

export interface PdfColumn {
  header: string;
  /** Relative width; columns share the page's text width in proportion. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface PdfTableOptions {
  fontSize?: number;
  /** Cell padding in points. */
  padding?: number;
  /** Rows drawn in bold (e.g. totals), by index. */
  boldRows?: number[];
}

/**
 * Draws a table at the current position with a bold header row and thin rules; rows that do not fit go to a
 * new page, where the header is repeated. Leaves `doc.y` below the table.
 */
export function pdfTable(doc: PdfDoc, columns: PdfColumn[], rows: string[][], options: PdfTableOptions = {}) {
  const fontSize = options.fontSize ?? 9;
  const pad = options.padding ?? 3;
  const left = doc.page.margins.left;
  const full = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const totalWeight = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (full * c.width) / totalWeight);
  const bold = new Set(options.boldRows ?? []);

  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(fontSize);
    return (
      Math.max(
        ...cells.map((text, i) => doc.heightOfString(text, { width: (widths[i] ?? 0) - 2 * pad })),
        fontSize,
      ) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], font: string, shade: boolean) => {
    const h = heightOf(cells, font);
    const y = doc.y;
    if (shade) doc.rect(left, y, full, h).fill('#eeeeee').fillColor('black');
    let x = left;
    doc.font(font).fontSize(fontSize).fillColor('black');
    cells.forEach((text, i) => {
      const w = widths[i] ?? 0;
      doc.text(text, x + pad, y + pad, { width: w - 2 * pad, align: columns[i]?.align ?? 'left' });
      x += w;
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + full, y + h)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.x = left;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  drawRow(header, pdfFonts.bold, true);
  rows.forEach((row, index) => {
    const font = bold.has(index) ? pdfFonts.bold : pdfFonts.regular;
    if (doc.y + heightOf(row, font) > bottom()) {
      doc.addPage();
      drawRow(header, pdfFonts.bold, true);
    }
    drawRow(row, font, false);
  });
  doc.font(pdfFonts.regular);
}
