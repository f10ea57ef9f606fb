import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { TransferFormat } from './transfer.columns.js';
import type { FileMessageCode } from './transfer.messages.js';
import { type Cell, toCell } from './transfer.values.js';

/** One row of a sheet: its number as the spreadsheet shows it (1-based) and its cells, column A first. */
export interface SheetRow {
  number: number;
  cells: Cell[];
}

/** A file that cannot be read at all (not a spreadsheet, broken, empty): the import fails with this reason. */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';

  constructor(
    readonly code: FileMessageCode,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

/**
 * What a file is, from its first bytes (never from its name or the browser's content type): an XLSX (a ZIP
 * package), a CSV (text), or neither with the reason.
 */
export function sniffFormat(head: Uint8Array): { format: TransferFormat } | { format: null; reason: string } {
  if (head.length === 0) return { format: null, reason: 'The file is empty' };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { format: 'xlsx' };
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    return { format: null, reason: 'This is an old Excel 97–2003 file (.xls): save it as .xlsx or .csv' };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { format: 'csv' };
  const sample = head.subarray(0, 65_536);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return { format: null, reason: 'The file is neither an XLSX workbook nor CSV text' };
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control += 1;
  }
  if (control > sample.length / 100) {
    return { format: null, reason: 'The file is neither an XLSX workbook nor CSV text' };
  }
  return { format: 'csv' };
}

/** Text of a CSV file: UTF-8 with or without BOM, UTF-16 with BOM, otherwise Windows-1251 (Excel's Russian CSV). */
export function decodeText(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return iconv.decode(data, 'win1251');
  }
}

/** The delimiter of a CSV text: whichever of ";", "," and tab occurs most in its first line outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text.slice(0, 10_000)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ';';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/**
 * Records of a CSV text (RFC 4180: quoted fields with doubled quotes and line breaks inside), each with the line
 * it starts on, so the error report points where a person looks in the file.
 */
export function* parseCsv(
  text: string,
  delimiter: string,
): Generator<{ line: number; offset: number; fields: string[] }> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      fields.push(field);
      yield { line: startLine, offset: i, fields };
      fields = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      line += 1;
      startLine = line;
    } else field += ch;
    i += 1;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    yield { line: startLine, offset: n, fields };
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Rows of the file's first sheet (an XLSX streamed, never loaded whole; a CSV decoded and split), reporting
 * how much of the file has been read (0–1).
 */
export async function* readRows(
  file: { stream: Readable; size: number },
  format: TransferFormat,
  onProgress: (fraction: number) => void,
): AsyncGenerator<SheetRow> {
  if (format === 'csv') {
    const text = decodeText(await readAll(file.stream));
    const delimiter = detectDelimiter(text);
    let count = 0;
    for (const record of parseCsv(text, delimiter)) {
      count += 1;
      if (count % 1000 === 0) onProgress(record.offset / Math.max(1, text.length));
      yield { number: record.line, cells: record.fields.map(toCell) };
    }
    onProgress(1);
    return;
  }
  let read = 0;
  const counted = new PassThrough();
  file.stream.on('data', (chunk: Buffer) => {
    read += chunk.length;
    onProgress(Math.min(1, read / Math.max(1, file.size)));
  });
  file.stream.on('error', (error) => counted.destroy(error));
  file.stream.pipe(counted);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets += 1;
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let c = 1; c < values.length; c++) cells.push(toCell(values[c]));
        yield { number: row.number, cells };
      }
      break; // Only the first sheet is read.
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('unreadable', (error as Error).message);
  } finally {
    file.stream.destroy();
  }
  if (sheets === 0) throw new UnreadableFileError('noSheet');
  onProgress(1);
}
