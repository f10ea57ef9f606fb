import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../../server/core/db.js';
import type { TransferFormat } from './transfer.columns.js';
import { formatDecimal, formatMoney } from './transfer.values.js';

/** An amount in kopecks: XLSX gets a number of roubles, CSV "1234,50". */
export interface MoneyCell {
  kopecks: number;
}

export type ExportCell = string | number | null | MoneyCell;

/** Where an export reads its rows: a cheap count (for progress) and the rows in a stable order. */
export interface ExportSource {
  count(db: Db): Promise<number>;
  rows(db: Db): AsyncGenerator<ExportCell[]>;
}

/** The delimiter of exported CSV: Excel with Russian regional settings opens ";" files by double-click. */
export const csvDelimiter = ';';

function csvField(cell: ExportCell): string {
  let text: string;
  if (cell === null) text = '';
  else if (typeof cell === 'object') text = formatMoney(cell.kopecks, ',');
  else if (typeof cell === 'number') text = formatDecimal(cell, ',');
  else text = cell;
  return /[";\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function xlsxValue(cell: ExportCell): string | number | null {
  if (cell === null) return null;
  if (typeof cell === 'object') return cell.kopecks / 100;
  return cell;
}

/**
 * Writes a table as XLSX (exceljs streaming writer, rows committed as they come) or CSV (UTF-8 with BOM, ";"),
 * calling `onRow` after each row so the caller can report progress.
 */
export async function writeTable(
  format: TransferFormat,
  sheetName: string,
  header: string[],
  rows: AsyncIterable<ExportCell[]> | Iterable<ExportCell[]>,
  onRow: (written: number) => Promise<void> = async () => {},
): Promise<{ data: Buffer; rows: number }> {
  let written = 0;
  if (format === 'csv') {
    const chunks: Buffer[] = [Buffer.from('\ufeff', 'utf8')];
    chunks.push(Buffer.from(`${header.map(csvField).join(csvDelimiter)}\r\n`, 'utf8'));
    for await (const row of rows) {
      chunks.push(Buffer.from(`${row.map(csvField).join(csvDelimiter)}\r\n`, 'utf8'));
      written += 1;
      await onRow(written);
    }
    return { data: Buffer.concat(chunks), rows: written };
  }
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = header.map((key) => ({
    header: key,
    key,
    width: key === 'name' || key === 'description' ? 48 : 16,
  }));
  for await (const row of rows) {
    sheet.addRow(row.map(xlsxValue)).commit();
    written += 1;
    await onRow(written);
  }
  sheet.commit();
  await workbook.commit();
  await ended;
  return { data: Buffer.concat(chunks), rows: written };
}

/** The content type and file extension of a format. */
export const mediaTypeOf: Record<TransferFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
