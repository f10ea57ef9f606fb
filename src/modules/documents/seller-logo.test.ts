import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageFor } from '../../server/core/storage.js';
import { listAudit } from '../audit/audit.service.js';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoPeople,
  origin,
} from '../companies/companies.testkit.js';
import { sellerLogo } from './index.js';
import { tinyPng } from './testkit/tiny-png.js';

let k: CompaniesTestApp;
let buyer: string;
const url = '/api/v1/admin/settings/seller/logo';

beforeAll(async () => {
  k = await companiesTestApp();
  buyer = await k.cookieOf(demoPeople.buyer.email);
});
afterAll(async () => k?.t.close());

function multipart(data: Buffer, filename = 'logo.png', type = 'image/png') {
  const boundary = `----kabinet${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (cookie: string, body: ReturnType<typeof multipart>) =>
  k.t.app.inject({ method: 'PUT', url, payload: body.payload, headers: { origin, cookie, ...body.headers } });
const get = (cookie: string) => k.t.app.inject({ url, headers: { cookie } });
const remove = (cookie: string) => k.t.app.inject({ method: 'DELETE', url, headers: { origin, cookie } });

const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  randomBytes(64),
  Buffer.from([0xff, 0xd9]),
]);

describe('seller logo', () => {
  it('is absent at first: GET gives 404 and sellerLogo() null', async () => {
    expect((await get(k.operator)).statusCode).toBe(404);
    expect(await sellerLogo(storageFor(k.t.app.kabinet.config))).toBeNull();
  });

  it('is uploaded as PNG, read back byte for byte, audited and given to the documents', async () => {
    const png = tinyPng(30, 10);
    const res = await upload(k.operator, multipart(png));
    expect(res.statusCode, res.body).toBe(204);
    const back = await get(k.operator);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect(back.rawPayload.equals(png)).toBe(true);
    expect((await sellerLogo(storageFor(k.t.app.kabinet.config)))?.equals(png)).toBe(true);
    const audit = await listAudit(k.t.db, { limit: 5, action: 'settings.seller_logo' });
    expect(audit.items[0]?.details).toMatchObject({ type: 'image/png', bytes: png.length });
  });

  it('is told by its bytes: a JPEG is accepted whatever its name, text named .png is refused', async () => {
    expect((await upload(k.operator, multipart(jpeg, 'logo.png', 'image/png'))).statusCode).toBe(204);
    const back = await get(k.operator);
    expect(back.headers['content-type']).toBe('image/jpeg');
    expect(back.rawPayload.equals(jpeg)).toBe(true);
    const text = await upload(
      k.operator,
      multipart(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    );
    expect(text.statusCode).toBe(400);
    expect(text.json().errors).toEqual([{ path: 'file', message: 'The logo must be a PNG or JPEG picture' }]);
    // The refused file did not replace the stored one.
    expect((await get(k.operator)).rawPayload.equals(jpeg)).toBe(true);
  });

  it('is refused over 512 KB, and without a file', async () => {
    const big = Buffer.concat([tinyPng(2, 2), randomBytes(512 * 1024)]);
    const res = await upload(k.operator, multipart(big));
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('512 KB');
    const boundary = '----kabinetnofile';
    const none = await k.t.app.inject({
      method: 'PUT',
      url,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
      headers: { origin, cookie: k.operator, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(none.statusCode).toBe(400);
    const json = await k.t.app.inject({
      method: 'PUT',
      url,
      payload: { file: 'x' },
      headers: { origin, cookie: k.operator },
    });
    expect(json.statusCode).toBe(400);
  });

  it('is out of reach of a person who is not staff', async () => {
    expect((await get(buyer)).statusCode).toBe(403);
    expect((await upload(buyer, multipart(tinyPng(4, 4)))).statusCode).toBe(403);
    expect((await remove(buyer)).statusCode).toBe(403);
    expect((await get(k.operator)).rawPayload.equals(jpeg)).toBe(true);
  });

  it('is removed by DELETE, audited; removing again is fine', async () => {
    expect((await remove(k.operator)).statusCode).toBe(204);
    expect((await get(k.operator)).statusCode).toBe(404);
    expect(await sellerLogo(storageFor(k.t.app.kabinet.config))).toBeNull();
    expect((await remove(k.operator)).statusCode).toBe(204);
    const audit = await listAudit(k.t.db, { limit: 5, action: 'settings.seller_logo_removed' });
    expect(audit.items.length).toBe(2);
  });
});
