// Issue 5: a 300-line quick-order XLSX is parsed and priced in under 1 s. Builds the file with exceljs from the
// generated catalog's SKUs (and a few unknown ones), uploads it to a company cart's quick-order preview one
// request at a time, and reports the wall time of each answer.
import ExcelJS from 'exceljs';

const lines = 300;
const rounds = 20;
export const quickOrderTargetMs = 1000;

async function xlsxOf(skus) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Заказ');
  sheet.addRow(['Артикул', 'Количество']);
  for (const [i, sku] of skus.entries()) sheet.addRow([sku, 1 + (i % 7)]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Times the preview of a 300-line XLSX; returns the figures for the results file. */
export async function timeQuickOrder(url, cookie, info) {
  const headers = { cookie, origin: url };
  const created = await fetch(`${url}/api/v1/orgs/${info.companyId}/carts`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench quick order' }),
  });
  if (!created.ok)
    throw new Error(`quick order: cart not created: ${created.status} ${await created.text()}`);
  const cartId = (await created.json()).id;
  // Every 3rd product's SKU across the catalog, with 5 unknown SKUs to report.
  const skus = Array.from({ length: lines - 5 }, (_, i) => `B-${String(1 + i * 3).padStart(6, '0')}`).concat(
    Array.from({ length: 5 }, (_, i) => `NO-SUCH-${i}`),
  );
  const file = await xlsxOf(skus);
  const times = [];
  let matched = 0;
  for (let round = 0; round < rounds; round++) {
    const form = new FormData();
    form.append(
      'file',
      new Blob([file], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      'order.xlsx',
    );
    const began = performance.now();
    const res = await fetch(`${url}/api/v1/orgs/${info.companyId}/carts/${cartId}/quick-order/file`, {
      method: 'POST',
      headers,
      body: form,
    });
    const body = await res.text();
    times.push(performance.now() - began);
    if (!res.ok) throw new Error(`quick order: ${res.status} ${body}`);
    matched = JSON.parse(body).matched?.length ?? matched;
  }
  times.sort((a, b) => a - b);
  const ms = (q) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]);
  return {
    lines,
    rounds,
    matched,
    fileKb: Math.round(file.length / 1024),
    p50Ms: ms(0.5),
    maxMs: Math.round(times.at(-1)),
    targetMs: quickOrderTargetMs,
    meetsTarget: times.at(-1) < quickOrderTargetMs,
  };
}
