import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogAdminTestApp, catalogAdminTestApp, demoPeople } from '../admin/catalog-admin.testkit.js';

let k: CatalogAdminTestApp;
let productId: string;
const api = '/api/v1/admin/catalog/products';

const png = () =>
  sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer();

beforeAll(async () => {
  k = await catalogAdminTestApp();
  productId = (await k.admin('POST', api, { sku: 'MEDIA-1', name: 'С картинками' })).json().id;
});
afterAll(async () => k?.t.close());

describe('images', () => {
  it('stores the original, a medium size and a thumbnail, served publicly with long caching', async () => {
    const res = await k.upload(`${api}/${productId}/images`, {
      name: 'photo.png',
      type: 'image/png',
      data: await png(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const [image] = res.json().images;
    expect(image).toMatchObject({ width: 1600, height: 900, position: 0 });
    expect(image.urls.thumb).toMatch(/^\/api\/v1\/public\/catalog\/media\/[0-9a-f-]{36}-thumb\.webp$/);
    const thumb = await k.t.app.inject({ url: image.urls.thumb });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['cache-control']).toContain('immutable');
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(400);
    const medium = await k.t.app.inject({ url: image.urls.medium });
    expect((await sharp(medium.rawPayload).metadata()).width).toBe(1200);
    const original = await k.t.app.inject({ url: image.urls.original });
    expect(original.headers['content-type']).toBe('image/png');
    // Only keys of image rows are served.
    expect((await k.t.app.inject({ url: '/api/v1/public/catalog/media/..%2Fsecrets' })).statusCode).toBe(404);
    const otherId = image.urls.thumb.replace(/[0-9a-f-]{36}/, '0190e2a4-0000-7000-8000-000000000000');
    expect((await k.t.app.inject({ url: otherId })).statusCode).toBe(404);
  });

  it('refuses a file that is not an image (415), a too large one (413) and a non-multipart body', async () => {
    const fake = await k.upload(`${api}/${productId}/images`, {
      name: 'x.png',
      type: 'image/png',
      data: Buffer.from('not an image'),
    });
    expect(fake.statusCode).toBe(415);
    const big = Buffer.alloc(26 * 1024 * 1024, 1);
    const huge = await k.upload(`${api}/${productId}/images`, {
      name: 'x.png',
      type: 'image/png',
      data: big,
    });
    expect(huge.statusCode).toBe(413);
    const json = await k.admin('POST', `${api}/${productId}/images`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    const support = await k.cookieOf(demoPeople.support.email);
    const denied = await k.upload(
      `${api}/${productId}/images`,
      { name: 'x.png', type: 'image/png', data: await png() },
      support,
    );
    expect(denied.statusCode).toBe(403);
  });

  it('reorders and deletes images', async () => {
    await k.upload(`${api}/${productId}/images`, { name: 'b.png', type: 'image/png', data: await png() });
    const images = (await k.admin('GET', `${api}/${productId}`)).json().images as {
      id: string;
      urls: { thumb: string };
    }[];
    expect(images).toHaveLength(2);
    const ids = images.map((i) => i.id).reverse();
    const reordered = await k.admin('PUT', `${api}/${productId}/images/order`, { ids });
    expect(reordered.json().images.map((i: { id: string }) => i.id)).toEqual(ids);
    const removed = await k.admin('DELETE', `${api}/${productId}/images/${ids[0]}`);
    expect(removed.json().images).toHaveLength(1);
    expect((await k.t.app.inject({ url: images[1]?.urls.thumb as string })).statusCode).toBe(404);
  });
});

describe('documents', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  it('accepts allowed types checked by content and refuses the rest', async () => {
    const renamed = await k.upload(`${api}/${productId}/documents`, {
      name: 'virus.pdf',
      type: 'application/pdf',
      data: Buffer.from('MZ...'),
    });
    expect(renamed.statusCode).toBe(415);
    const exe = await k.upload(`${api}/${productId}/documents`, {
      name: 'tool.exe',
      type: 'application/pdf',
      data: pdf,
    });
    expect(exe.statusCode).toBe(415);
    const dxf = Buffer.from('  0\r\nSECTION\r\n  2\r\nHEADER\r\n  0\r\nENDSEC\r\n  0\r\nEOF\r\n');
    const drawing = await k.upload(`${api}/${productId}/documents?kind=drawing&title=Чертёж`, {
      name: 'plan.dxf',
      type: 'application/dxf',
      data: dxf,
    });
    expect(drawing.statusCode, drawing.body).toBe(201);
    expect(drawing.json().documents[0]).toMatchObject({
      kind: 'drawing',
      title: 'Чертёж',
      fileName: 'plan.dxf',
    });
  });

  it('serves documents only to those who may see the product', async () => {
    const res = await k.upload(`${api}/${productId}/documents?kind=certificate`, {
      name: 'Сертификат.pdf',
      type: 'application/pdf',
      data: pdf,
    });
    const doc = (res.json().documents as { id: string; url: string; title: string }[]).find(
      (d) => d.title === 'Сертификат',
    );
    expect(doc?.url).toBe(`/api/v1/public/catalog/documents/${doc?.id}`);
    const guest = await k.t.app.inject({ url: doc?.url as string });
    expect(guest.statusCode).toBe(200);
    expect(guest.headers['content-disposition']).toContain('attachment');
    expect(guest.headers['content-type']).toBe('application/pdf');
    // Hidden behind its category: guests and other groups get 404, the dealer's members and staff get it.
    const category = (
      await k.admin('POST', '/api/v1/admin/catalog/categories', {
        name: 'Только дилерам',
        visibleGroupIds: [k.groupIds[0]],
      })
    ).json();
    const sub = (
      await k.admin('POST', '/api/v1/admin/catalog/categories', { name: 'Подраздел', parentId: category.id })
    ).json();
    await k.admin('PATCH', `${api}/${productId}`, { categoryId: sub.id });
    expect((await k.t.app.inject({ url: doc?.url as string })).statusCode).toBe(404);
    const buyer = await k.cookieOf(demoPeople.buyer.email);
    const dealerId = await k.companyIdOf(buyer, 'ВодоСервис');
    const asDealer = await k.t.app.inject({
      url: `${doc?.url}?orgId=${dealerId}`,
      headers: { cookie: buyer },
    });
    expect(asDealer.statusCode).toBe(200);
    const stranger = await k.cookieOf(demoPeople.customer.email);
    const notMember = await k.t.app.inject({
      url: `${doc?.url}?orgId=${dealerId}`,
      headers: { cookie: stranger },
    });
    expect(notMember.statusCode).toBe(404);
    expect(
      (await k.t.app.inject({ url: doc?.url as string, headers: { cookie: k.adminCookie } })).statusCode,
    ).toBe(200);
    const removed = await k.admin('DELETE', `${api}/${productId}/documents/${doc?.id}`);
    expect(removed.statusCode).toBe(200);
    expect(
      (await k.t.app.inject({ url: doc?.url as string, headers: { cookie: k.adminCookie } })).statusCode,
    ).toBe(404);
  });
});
