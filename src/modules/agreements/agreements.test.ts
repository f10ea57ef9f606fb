import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageFor } from '../../server/core/storage.js';
import { auditLog } from '../audit/audit.tables.js';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
  origin,
} from '../companies/companies.testkit.js';
import { sniffAgreementFile } from './agreements.files.js';
import { seedDemoAgreement } from './agreements.seed.js';
import { agreementApprovalCodes, agreementDecisions } from './agreements.tables.js';

let k: CompaniesTestApp;
let owner: string;
let buyer: string;
let supplier: string;
let dealerId: string;
let supplierId: string;

interface TestFile {
  name: string;
  type: string;
  data: Buffer;
}

const pdf = (text = 'contract'): TestFile => ({
  name: 'Договор.pdf',
  type: 'application/pdf',
  data: Buffer.from(`%PDF-1.4\n% ${text} ${uuidv7()}\n%%EOF\n`),
});
const docx = (): TestFile => {
  const header = Buffer.alloc(30);
  header.write('PK\u0003\u0004', 0, 'latin1');
  return {
    name: 'spec.docx',
    type: 'application/octet-stream',
    data: Buffer.concat([header, Buffer.from('[Content_Types].xml ... word/document.xml')]),
  };
};
const odt = (): TestFile => {
  const header = Buffer.alloc(30);
  header.write('PK\u0003\u0004', 0, 'latin1');
  return {
    name: 'spec.odt',
    type: 'application/vnd.oasis.opendocument.text',
    data: Buffer.concat([header, Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text')]),
  };
};
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Sends multipart/form-data: a `data` JSON field and files. */
function multipart(cookie: string | undefined, url: string, data: unknown, files: TestFile[] = []) {
  const boundary = `----kabinet${uuidv7()}`;
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`,
    ),
  ];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(f.name)}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return k.t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: {
      origin,
      ...(cookie ? { cookie } : {}),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
}

/** The back office starts a contract for the dealer; returns the agreement. */
async function staffContract(title = 'Договор поставки') {
  const file = pdf(title);
  const res = await multipart(
    k.operator,
    '/api/v1/admin/agreements',
    { companyId: dealerId, kind: 'contract', title, note: 'Проект договора' },
    [file],
  );
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as Agreement), file };
}

interface Agreement {
  id: string;
  status: string;
  awaitingSide: string | null;
  latestVersion: { id: string; number: number; sha256: string; url: string };
  versions: { id: string; number: number; sha256: string; side: string }[];
  comments: { text: string; side: string }[];
  decisions: { decision: string; sha256: string; confirmation: string | null; comment: string | null }[];
}

const orgBase = (id: string) => `/api/v1/orgs/${dealerId}/agreements/${id}`;

/** Subjects of the mail sent to an address, newest first (after running queued jobs). */
async function subjectsTo(email: string): Promise<string[]> {
  await k.t.drainJobs();
  const list = await k.t.app.inject({
    url: `/api/v1/admin/dev-mailbox?to=${encodeURIComponent(email)}&limit=50`,
    headers: { cookie: k.operator },
  });
  return list.json().items.map((i: { subject: string }) => i.subject);
}

/** The newest code the person was mailed. */
async function mailedCode(email: string): Promise<string> {
  const subjects = await subjectsTo(email);
  const code = subjects.map((s) => /^Код подтверждения согласования: (\d{6})$/.exec(s)?.[1]).find(Boolean);
  if (!code) throw new Error(`no code mail to ${email}: ${subjects.join('; ')}`);
  return code;
}

async function requestCode(cookie: string, a: Agreement) {
  return k.as(cookie)('POST', `${orgBase(a.id)}/versions/${a.latestVersion.id}/approval-code`);
}

beforeAll(async () => {
  k = await companiesTestApp();
  owner = await k.cookieOf(demoPeople.owner.email);
  buyer = await k.cookieOf(demoPeople.buyer.email);
  supplier = await k.cookieOf(demoPeople.supplier.email);
  dealerId = await k.companyIdOf(owner, demoCompanies.dealer.name);
  supplierId = await k.companyIdOf(supplier, demoCompanies.supplier.name);
}, 60_000);
afterAll(async () => k?.t.close());

describe('file checks', () => {
  it('knows PDF, DOCX, ODT and DOC by their bytes, and nothing else', () => {
    expect(sniffAgreementFile(pdf().data)).toBe('pdf');
    expect(sniffAgreementFile(docx().data)).toBe('docx');
    expect(sniffAgreementFile(odt().data)).toBe('odt');
    expect(
      sniffAgreementFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])),
    ).toBe('doc');
    expect(sniffAgreementFile(Buffer.from('MZ\x90\x00 an executable'))).toBeNull();
    expect(sniffAgreementFile(Buffer.from('PK\u0003\u0004 a plain zip'))).toBeNull();
  });

  it('refuses a file of another type (415), a large one (413), none (400) and a bad kind (400)', async () => {
    const url = `/api/v1/orgs/${dealerId}/agreements`;
    const exe = await multipart(owner, url, { kind: 'contract', title: 'x' }, [
      { name: 'contract.pdf', type: 'application/pdf', data: Buffer.from('MZ not a pdf') },
    ]);
    expect(exe.statusCode, exe.body).toBe(415);
    expect(exe.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await multipart(owner, url, { kind: 'contract', title: 'x' }, [
      {
        name: 'big.pdf',
        type: 'application/pdf',
        data: Buffer.concat([pdf().data, Buffer.alloc(21 * 1024 * 1024)]),
      },
    ]);
    expect(big.statusCode, big.body).toBe(413);
    const none = await multipart(owner, url, { kind: 'contract', title: 'x' });
    expect(none.statusCode, none.body).toBe(400);
    const kind = await multipart(owner, url, { kind: 'lease', title: 'x' }, [pdf()]);
    expect(kind.statusCode, kind.body).toBe(400);
    expect(kind.json().errors[0].path).toBe('data.kind');
    const list = await k.as(owner)('GET', url);
    expect(list.json().items).toEqual([]);
  });

  it('lets a company start a specification of its contract (DOCX), and refuses another company’s contract', async () => {
    const contract = await staffContract('Рамочный договор');
    const url = `/api/v1/orgs/${dealerId}/agreements`;
    const spec = await multipart(
      owner,
      url,
      { kind: 'specification', title: 'Спецификация №1', parentId: contract.id },
      [docx()],
    );
    expect(spec.statusCode, spec.body).toBe(201);
    expect(spec.json()).toMatchObject({
      kind: 'specification',
      parent: { id: contract.id, title: 'Рамочный договор' },
      createdSide: 'company',
      awaitingSide: 'staff',
      latestVersion: { number: 1, contentType: expect.stringContaining('wordprocessingml') },
    });
    const foreign = await multipart(
      supplier,
      `/api/v1/orgs/${supplierId}/agreements`,
      { kind: 'supplementary', title: 'ДС', parentId: contract.id },
      [odt()],
    );
    expect(foreign.statusCode, foreign.body).toBe(400);
    expect(foreign.json().errors[0].path).toBe('data.parentId');
  });
});

describe('the approval flow', () => {
  it('staff upload, the company comments and approves the version with a code; the decision keeps the file hash and is audited', async () => {
    const a = await staffContract();
    expect(a).toMatchObject({ status: 'in_review', awaitingSide: 'company', createdSide: 'staff' });
    expect(a.latestVersion.sha256).toBe(sha(a.file.data));

    const got = await k.as(owner)('GET', `/api/v1/orgs/${dealerId}/agreements`);
    expect(got.json().items.map((i: { id: string }) => i.id)).toContain(a.id);
    const download = await k.as(owner)('GET', a.latestVersion.url.replace('/admin/', `/orgs/${dealerId}/`));
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(a.file.data)).toBe(true);

    const comment = await k.as(owner)('POST', `${orgBase(a.id)}/versions/${a.latestVersion.id}/comments`, {
      text: 'Проверим пункт 5.2',
    });
    expect(comment.statusCode, comment.body).toBe(201);
    expect(comment.json().comments).toMatchObject([{ text: 'Проверим пункт 5.2', side: 'company' }]);
    // The dealer's manager (staff) hears about it.
    expect(await subjectsTo(demoPeople.admin.email)).toContain('«Договор поставки»: новый комментарий');

    // A buyer may comment but not approve.
    expect((await requestCode(buyer, a)).statusCode).toBe(403);

    const sent = await requestCode(owner, a);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().sentTo).toBe(demoPeople.owner.email);
    const code = await mailedCode(demoPeople.owner.email);
    const [stored] = await k.t.db
      .select()
      .from(agreementApprovalCodes)
      .where(eq(agreementApprovalCodes.versionId, a.latestVersion.id));
    expect(stored?.codeHash).not.toContain(code);

    const wrong = await k.as(owner)('POST', `${orgBase(a.id)}/versions/${a.latestVersion.id}/approve`, {
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('APPROVAL_CODE_INVALID');

    const approved = await k.as(owner)('POST', `${orgBase(a.id)}/versions/${a.latestVersion.id}/approve`, {
      code,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      awaitingSide: null,
      decisions: [{ decision: 'approve', sha256: sha(a.file.data), confirmation: 'email_code' }],
    });
    const [decision] = await k.t.db
      .select()
      .from(agreementDecisions)
      .where(eq(agreementDecisions.agreementId, a.id));
    expect(decision).toMatchObject({ confirmedTo: demoPeople.owner.email, side: 'company' });
    expect(decision?.ip).toBeTruthy();
    const audit = await k.t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'agreements.approved'), eq(auditLog.subject, a.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ sha256: sha(a.file.data), version: 1 });
    expect(await subjectsTo(demoPeople.admin.email)).toContain('«Договор поставки»: согласован');

    // Spent: the same code again, a new version, another decision.
    const again = await k.as(owner)('POST', `${orgBase(a.id)}/versions/${a.latestVersion.id}/approve`, {
      code,
    });
    expect(again.statusCode).toBe(410);
    const v2 = await multipart(owner, `${orgBase(a.id)}/versions`, {}, [pdf()]);
    expect(v2.statusCode).toBe(409);
  });

  it('a new version goes back to the other side, and only the latest version can be approved', async () => {
    const a = await staffContract();
    const v2 = await multipart(owner, `${orgBase(a.id)}/versions`, { note: 'Наша редакция п. 5.2' }, [pdf()]);
    expect(v2.statusCode, v2.body).toBe(201);
    const mine = v2.json() as Agreement;
    expect(mine).toMatchObject({ status: 'in_review', awaitingSide: 'staff', latestVersion: { number: 2 } });
    // The company uploaded v2: the staff review it, not the company.
    const own = await requestCode(owner, mine);
    expect(own.statusCode).toBe(409);
    // Staff upload v3; v2 is superseded and cannot be approved.
    const v3 = await multipart(k.operator, `/api/v1/admin/agreements/${a.id}/versions`, {}, [pdf('v3')]);
    expect(v3.statusCode, v3.body).toBe(201);
    expect(v3.json().versions.map((v: { number: number }) => v.number)).toEqual([1, 2, 3]);
    const old = await k.as(owner)('POST', `${orgBase(a.id)}/versions/${mine.latestVersion.id}/approval-code`);
    expect(old.statusCode).toBe(409);
    expect(old.json().detail).toContain('latest');
    const first = await k.as(owner)('POST', `${orgBase(a.id)}/versions/${a.latestVersion.id}/reject`, {
      comment: 'Старая версия',
    });
    expect(first.statusCode).toBe(409);
  });

  it('rejecting needs a comment, is kept with who and when, and is audited; the operator has no e-mail for a code', async () => {
    const a = await staffContract();
    const url = `${orgBase(a.id)}/versions/${a.latestVersion.id}/reject`;
    expect((await k.as(owner)('POST', url, { comment: '  ' })).statusCode).toBe(400);
    expect((await k.as(owner)('POST', url, {})).statusCode).toBe(400);
    const res = await k.as(owner)('POST', url, { comment: 'Не согласны с неустойкой' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'rejected',
      decisions: [{ decision: 'reject', comment: 'Не согласны с неустойкой', confirmation: null }],
    });
    const audit = await k.t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'agreements.rejected'), eq(auditLog.subject, a.id)));
    expect(audit).toHaveLength(1);
    // The staff answer with a new version; the review is the company's again.
    const v2 = await multipart(k.operator, `/api/v1/admin/agreements/${a.id}/versions`, {}, [pdf()]);
    expect(v2.json()).toMatchObject({ status: 'in_review', awaitingSide: 'company' });
    // The company's new version comes to the staff; the operator (no e-mail) cannot get a code.
    const v3 = await multipart(owner, `${orgBase(a.id)}/versions`, {}, [pdf()]);
    const latest = (v3.json() as Agreement).latestVersion.id;
    const op = await k.t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/agreements/${a.id}/versions/${latest}/approval-code`,
      headers: { origin, cookie: k.operator },
    });
    expect(op.statusCode).toBe(409);
  });
});

describe('one-time codes', () => {
  it('expire after 10 minutes', async () => {
    const a = await staffContract();
    expect((await requestCode(owner, a)).statusCode).toBe(200);
    const code = await mailedCode(demoPeople.owner.email);
    await k.t.db
      .update(agreementApprovalCodes)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(agreementApprovalCodes.versionId, a.latestVersion.id));
    const res = await k.as(owner)('POST', `${orgBase(a.id)}/versions/${a.latestVersion.id}/approve`, {
      code,
    });
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('APPROVAL_CODE_EXPIRED');
  });

  it('allow five tries, then the right code no longer works; a new one replaces it, not more than once a minute', async () => {
    const a = await staffContract();
    expect((await requestCode(owner, a)).statusCode).toBe(200);
    const code = await mailedCode(demoPeople.owner.email);
    const wrong = code === '999999' ? '888888' : '999999';
    const url = `${orgBase(a.id)}/versions/${a.latestVersion.id}/approve`;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await k.as(owner)('POST', url, { code: wrong })).statusCode);
    expect(answers).toEqual([400, 400, 400, 400, 410]);
    expect((await k.as(owner)('POST', url, { code })).statusCode).toBe(410);
    // Asking again at once is throttled.
    const soon = await requestCode(owner, a);
    expect(soon.statusCode).toBe(429);
    await k.t.db
      .update(agreementApprovalCodes)
      .set({ sentAt: new Date(Date.now() - 61_000) })
      .where(eq(agreementApprovalCodes.versionId, a.latestVersion.id));
    expect((await requestCode(owner, a)).statusCode).toBe(200);
    const fresh = await mailedCode(demoPeople.owner.email);
    const ok = await k.as(owner)('POST', url, { code: fresh });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(
      await k.t.db
        .select()
        .from(agreementApprovalCodes)
        .where(eq(agreementApprovalCodes.versionId, a.latestVersion.id)),
    ).toEqual([]);
  });

  it('are limited to five an hour', async () => {
    const a = await staffContract();
    const back = () =>
      k.t.db
        .update(agreementApprovalCodes)
        .set({ sentAt: new Date(Date.now() - 61_000) })
        .where(eq(agreementApprovalCodes.versionId, a.latestVersion.id));
    const answers = [];
    for (let i = 0; i < 6; i++) {
      answers.push((await requestCode(owner, a)).statusCode);
      await back();
    }
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('demo data', () => {
  it('seeds a staff-uploaded contract in review for the dealer, with a real PDF', async () => {
    const id = await k.t.db.transaction((tx) =>
      seedDemoAgreement(tx, storageFor(k.t.app.kabinet.config), {
        company: { id: dealerId, legalName: demoCompanies.dealer.legalName, inn: demoCompanies.dealer.inn },
        staff: { id: 'operator', name: 'Operator', email: '' },
        publicUrl: origin,
      }),
    );
    const res = await k.as(owner)('GET', `/api/v1/orgs/${dealerId}/agreements/${id}`);
    expect(res.json()).toMatchObject({ status: 'in_review', awaitingSide: 'company', createdSide: 'staff' });
    const file = await k.as(owner)('GET', res.json().latestVersion.url);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.rawPayload.length).toBeGreaterThan(1000);
  });
});

describe('access', () => {
  it('hides another company’s agreements (404) and keeps the back office to staff with the permission', async () => {
    const a = await staffContract();
    const asSupplier = k.as(supplier);
    for (const [method, url] of [
      ['GET', `/api/v1/orgs/${supplierId}/agreements/${a.id}`],
      ['GET', `/api/v1/orgs/${supplierId}/agreements/${a.id}/versions/${a.latestVersion.id}/file`],
      ['POST', `/api/v1/orgs/${supplierId}/agreements/${a.id}/versions/${a.latestVersion.id}/approval-code`],
      ['GET', `/api/v1/orgs/${dealerId}/agreements/${a.id}`],
    ] as const) {
      expect((await asSupplier(method, url)).statusCode, url).toBe(404);
    }
    const list = await asSupplier('GET', `/api/v1/orgs/${supplierId}/agreements`);
    expect(list.json().items).toEqual([]);
    expect((await k.as(owner)('GET', `/api/v1/orgs/${dealerId}/agreements/not-an-id`)).statusCode).toBe(404);
    const support = await k.cookieOf(demoPeople.support.email);
    expect((await k.as(support)('GET', '/api/v1/admin/agreements')).statusCode).toBe(403);
    expect((await k.as(undefined)('GET', '/api/v1/admin/agreements')).statusCode).toBe(401);
    const all = await k.t.app.inject({
      url: '/api/v1/admin/agreements?limit=2',
      headers: { cookie: k.operator },
    });
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toHaveLength(2);
    const next = await k.t.app.inject({
      url: `/api/v1/admin/agreements?limit=2&cursor=${all.json().nextCursor}`,
      headers: { cookie: k.operator },
    });
    expect(next.json().items[0].id).not.toBe(all.json().items[1].id);
  });
});
