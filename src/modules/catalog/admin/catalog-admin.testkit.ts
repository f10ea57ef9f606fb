import { listCustomerGroups } from '../../companies/companies.service.js';
import { companiesTestApp, demoPeople, origin } from '../../companies/companies.testkit.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A seeded test app with request helpers for the back-office catalog (admin, support without the permission). */
export async function catalogAdminTestApp() {
  const k = await companiesTestApp();
  const as = (cookie: string | undefined) => (method: Method, url: string, payload?: object) =>
    k.t.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: { origin, ...(cookie ? { cookie } : {}) },
    });
  const adminCookie = await k.cookieOf(demoPeople.admin.email);
  /** Sends a multipart upload with one file in the field "file". */
  const upload = (url: string, file: { name: string; type: string; data: Buffer }, cookie = adminCookie) => {
    const boundary = `----kabinet${Date.now()}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return k.t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { origin, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  };
  const groups = await listCustomerGroups(k.t.db);
  return { ...k, as, admin: as(adminCookie), adminCookie, upload, groupIds: groups.map((g) => g.id) };
}

export type CatalogAdminTestApp = Awaited<ReturnType<typeof catalogAdminTestApp>>;
export { demoPeople };
