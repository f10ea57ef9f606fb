import type { OrderChangeFrom1C } from '../../orders/index.js';
import { kopecksOf } from './records.js';
import {
  CommerceMlError,
  child,
  childrenOf,
  own,
  type RecordPicker,
  streamXml,
  textOf,
  type XNode,
} from './xml-stream.js';

/** A `Документ` of a file 1C sends with `type=sale`: what it says about an order, and what kind it is. */
export interface DocumentRecord {
  /** `ХозОперация` (empty when absent); only «Заказ товара» documents are applied. */
  operation: string;
  change: OrderChangeFrom1C;
}

/** `Документ` directly under the root, or inside a 3.x `Контейнер`. */
const pick: RecordPicker = (path) => {
  const n = path.length;
  if (path[n - 1] !== 'Документ') return false;
  return n === 2 || (n === 3 && path[1] === 'Контейнер');
};

const truthy = (value: string | undefined) => /^(true|1|да)$/i.test(value?.trim() ?? '');

/** `ЗначенияРеквизитов/ЗначениеРеквизита{Наименование,Значение}` as a map (the first value of a name wins). */
function requisitesOf(node: XNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of childrenOf(child(node, 'ЗначенияРеквизитов'), 'ЗначениеРеквизита')) {
    const name = textOf(r, 'Наименование').trim();
    if (name && !out.has(name)) out.set(name, textOf(r, 'Значение').trim());
  }
  return out;
}

/** Reads one `Документ`; a document without `Ид` and `Номер`, or with an unreadable amount, is a bad file. */
export function documentOf(node: XNode): DocumentRecord {
  const id = textOf(node, 'Ид').trim();
  const number = textOf(node, 'Номер').trim();
  if (!id && !number) throw new CommerceMlError('document without Id and Nomer');
  const req = requisitesOf(node);
  const paymentNumber = req.get('Номер оплаты по 1С') || null;
  const paidFlag = truthy(req.get('Заказ оплачен'));
  // The older form (to.xml): «Заказ оплачен» with «Номер платежного документа» and «Дата оплаты».
  const legacyNumber = paidFlag ? req.get('Номер платежного документа') || 'paid' : null;
  const amountText = req.get('Сумма оплаты по 1С');
  const payment =
    paymentNumber || legacyNumber
      ? {
          number: (paymentNumber ?? legacyNumber) as string,
          date: (paymentNumber ? req.get('Дата оплаты по 1С') : req.get('Дата оплаты')) || null,
          amount: amountText ? kopecksOf(amountText) : null,
        }
      : null;
  const shipmentNumber = req.get('Номер отгрузки по 1С');
  return {
    operation: textOf(node, 'ХозОперация').trim(),
    change: {
      id: own(id),
      number: own(number),
      number1c: textOf(node, 'Номер1С').trim() || null,
      date1c: textOf(node, 'Дата1С').trim() || null,
      status: req.get('Статус заказа') || null,
      cancelled: truthy(req.get('Отменен')),
      deleted: truthy(textOf(node, 'ПометкаУдаления')) || truthy(req.get('ПометкаУдаления')),
      posted: truthy(req.get('Проведен')),
      final: truthy(req.get('Финальный статус')),
      payment,
      shipment: shipmentNumber
        ? { number: shipmentNumber, date: req.get('Дата отгрузки по 1С') || null }
        : null,
    },
  };
}

/**
 * Reads every `Документ` of a file (any encoding the prolog names, any namespace) before anything is applied, so
 * a malformed or truncated file fails as a whole. Order files are small (one document is a few KB), so the
 * documents are kept in memory.
 */
export async function readDocuments(path: string): Promise<DocumentRecord[]> {
  const out: DocumentRecord[] = [];
  let failure: Error | null = null;
  await streamXml(path, pick, {
    record(node) {
      if (failure) return;
      try {
        out.push(documentOf(node));
      } catch (error) {
        failure = error as Error;
      }
    },
  });
  if (failure) throw failure;
  return out;
}
