import ExcelJS from 'exceljs';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { priceLines } from '../catalog/pricing/pricing.service.js';
import type { CartContext } from './carts.access.js';
import { fitQuantity } from './carts.quantity.js';
import { maxCartLines, type QuickOrderPreview } from './carts.schema.js';
import { variantFactsBySku } from './carts.service.js';

/** One parsed line of a quick order: a SKU and quantity, or why the line could not be read. */
export type ParsedLine =
  | { line: number; sku: string; quantity: number }
  | { line: number; text: string; reason: 'format' | 'quantity' };

const quantityOf = (raw: string): number | null => {
  const n = Number(raw.replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(n) && n > 0 && n <= 1_000_000 ? Math.round(n * 1000) / 1000 : null;
};

/** Reads one "SKU quantity" pair (space, tab, ";" or "," between), or says why not. */
function parsePair(line: number, sku: string, qty: string): ParsedLine {
  const cleanSku = sku.trim().replace(/^"|"$/g, '');
  const cleanQty = qty.trim().replace(/^"|"$/g, '');
  if (!cleanSku || cleanSku.length > 100) return { line, text: `${sku} ${qty}`.trim(), reason: 'format' };
  const quantity = quantityOf(cleanQty);
  if (quantity === null) return { line, text: `${sku} ${qty}`.trim(), reason: 'quantity' };
  return { line, sku: cleanSku, quantity };
}

/**
 * Parses pasted text or CSV: a line per item, "SKU quantity" separated by spaces, a tab, ";" or ","; empty lines
 * are skipped, and so is a first line whose quantity is not a number (a header).
 */
export function parseQuickOrderText(text: string): ParsedLine[] {
  const out: ParsedLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const s = raw.trim();
    if (!s) return;
    const m = /^("?[^\s;,\t"]+"?)\s*(?:[;\t]|,(?=\s*"?\d)|\s)\s*(.+?)\s*[;,]*$/.exec(s);
    const parsed: ParsedLine =
      m?.[1] && m[2] ? parsePair(i + 1, m[1], m[2]) : { line: i + 1, text: s, reason: 'format' };
    if (out.length === 0 && 'reason' in parsed && parsed.reason === 'quantity') return;
    out.push(parsed);
  });
  return out;
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
};

/** Parses the first sheet of an XLSX: SKU in column A, quantity in column B (a header row is skipped). */
export async function parseQuickOrderXlsx(data: Buffer): Promise<ParsedLine[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The file is not a readable XLSX', [
      { path: 'file', message: 'Upload an .xlsx or .csv file' },
    ]);
  }
  const sheet = wb.worksheets[0];
  const out: ParsedLine[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, n) => {
    const sku = cellText(row.getCell(1).value).trim();
    const qty = cellText(row.getCell(2).value).trim();
    if (!sku && !qty) return;
    const parsed = parsePair(n, sku, qty);
    if (out.length === 0 && 'reason' in parsed && parsed.reason === 'quantity') return;
    out.push(parsed);
  });
  return out;
}

/** Parses an uploaded quick-order file by its content: XLSX (a zip) or CSV text. */
export async function parseQuickOrderFile(data: Buffer): Promise<ParsedLine[]> {
  if (data[0] === 0x50 && data[1] === 0x4b) return parseQuickOrderXlsx(data);
  if (data.includes(0)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload an .xlsx or .csv file');
  }
  return parseQuickOrderText(data.toString('utf8'));
}

/**
 * The preview of a quick order, nothing added yet: matched lines with corrected quantities and prices, unknown
 * SKUs, products the context cannot buy, and unreadable lines. Two lookups and one pricing call for any size.
 */
export async function previewQuickOrder(
  db: Db,
  ctx: CartContext,
  parsed: ParsedLine[],
): Promise<QuickOrderPreview> {
  if (parsed.length > maxCartLines) {
    throw new AppError('VALIDATION_FAILED', `At most ${maxCartLines} lines at once`, [
      { path: 'text', message: `At most ${maxCartLines} lines` },
    ]);
  }
  const preview: QuickOrderPreview = {
    matched: [],
    unknown: [],
    unavailable: [],
    bad: [],
    total: 0,
    currency: 'RUB',
  };
  const good = parsed.filter((p): p is Extract<ParsedLine, { sku: string }> => 'sku' in p);
  for (const p of parsed) if ('reason' in p) preview.bad.push(p);
  const facts = await variantFactsBySku(db, ctx, [...new Set(good.map((g) => g.sku.toLowerCase()))]);
  const candidates = good.flatMap((g) => {
    const f = facts.get(g.sku.toLowerCase());
    if (!f) {
      preview.unknown.push({ line: g.line, sku: g.sku });
      return [];
    }
    if (!f.visible) {
      preview.unavailable.push({ line: g.line, sku: g.sku, name: f.name });
      return [];
    }
    return [{ g, f, fit: fitQuantity(g.quantity, f.packSize, f.minOrderQty) }];
  });
  const prices = await priceLines(
    db,
    ctx.pricing,
    candidates.map((c) => ({ productId: c.f.productId, variantId: c.f.variantId, quantity: c.fit.quantity })),
  );
  candidates.forEach(({ g, f, fit }, i) => {
    const price = prices[i];
    if (!price) {
      preview.unavailable.push({ line: g.line, sku: g.sku, name: f.name });
      return;
    }
    preview.currency = price.currency;
    preview.total += price.total;
    preview.matched.push({
      line: g.line,
      sku: f.sku,
      variantId: f.variantId,
      name: f.name,
      unit: f.unit,
      asked: g.quantity,
      quantity: fit.quantity,
      reason: fit.reason,
      unitPrice: price.unitPrice,
      lineTotal: price.total,
    });
  });
  return preview;
}
