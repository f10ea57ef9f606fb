import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/core/config.js';
import { jobs } from '../../server/core/jobs/jobs.tables.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { queueSms } from './sms.service.js';
import { devSms } from './sms.tables.js';

// A stand-in for https://sms.ru on a local port: it parses the form the way SMS.ru does and answers with
// the reply the current test chose.
const apiId = 'TEST-API-ID-0000-1111';
let received: URLSearchParams[] = [];
let answer: (to: string) => { status: number; body: string } = () => ({ status: 200, body: '' });
let server: Server;
let url: string;
let t: TestApp;

const ok = (to: string) => ({
  status: 200,
  body: JSON.stringify({
    status: 'OK',
    status_code: 100,
    sms: { [to]: { status: 'OK', status_code: 100, sms_id: '000000-10000000' } },
    balance: 100.5,
  }),
});
const perNumberError = (code: number, text: string) => (to: string) => ({
  status: 200,
  body: JSON.stringify({
    status: 'OK',
    status_code: 100,
    sms: { [to]: { status: 'ERROR', status_code: code, status_text: text } },
  }),
});

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      if (req.method !== 'POST' || req.url !== '/sms/send') {
        res.writeHead(404).end();
        return;
      }
      received.push(form);
      const reply =
        form.get('api_id') === apiId
          ? answer(form.get('to') ?? '')
          : {
              status: 200,
              body: JSON.stringify({ status: 'ERROR', status_code: 200, status_text: 'Неправильный api_id' }),
            };
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await buildTestApp({ sms: { provider: 'smsru', apiId, from: 'Kabinet', url } });
});
afterAll(async () => {
  await t?.close();
  server?.close();
});
beforeEach(() => {
  received = [];
});

const lastJob = async () => {
  const [job] = await t.db.select().from(jobs).where(eq(jobs.name, 'sms.send')).orderBy(desc(jobs.createdAt));
  return job;
};

describe('SMS.ru provider', () => {
  it('posts the message with api_id, number, text and sender, and finishes the job on status 100', async () => {
    answer = ok;
    await queueSms(t.db, { to: '+79161234567', text: 'Код: 123456', purpose: 'test' });
    await t.drainJobs();
    expect(received).toHaveLength(1);
    expect(Object.fromEntries(received[0] ?? [])).toEqual({
      api_id: apiId,
      to: '79161234567',
      msg: 'Код: 123456',
      json: '1',
      from: 'Kabinet',
    });
    expect(await lastJob()).toMatchObject({ status: 'done', attempts: 1 });
    // Nothing lands in the dev inbox when a real gateway is configured.
    expect(await t.db.select().from(devSms)).toEqual([]);
  });

  it('gives up at once when SMS.ru refuses the number', async () => {
    answer = perNumberError(207, 'На этот номер нельзя отправлять сообщения');
    await queueSms(t.db, { to: '+79161234568', text: 'Код: 1', purpose: 'test' });
    await t.drainJobs();
    expect(await lastJob()).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await lastJob())?.lastError).toContain('207');
  });

  it('retries later when SMS.ru is busy or answers with a server error', async () => {
    answer = () => ({
      status: 200,
      body: JSON.stringify({ status: 'ERROR', status_code: 220, status_text: 'Сервис временно недоступен' }),
    });
    await queueSms(t.db, { to: '+79161234569', text: 'Код: 2', purpose: 'test' });
    await t.drainJobs();
    expect(await lastJob()).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await lastJob())?.lastError).toContain('220');

    answer = () => ({ status: 502, body: 'Bad gateway' });
    await queueSms(t.db, { to: '+79161234570', text: 'Код: 3', purpose: 'test' });
    await t.drainJobs();
    expect(await lastJob()).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await lastJob())?.lastError).toContain('HTTP 502');
  });

  it('retries later when SMS.ru cannot be reached', async () => {
    const unreachable = await buildTestApp({
      sms: { provider: 'smsru', apiId, from: undefined, url: 'http://127.0.0.1:9' },
    });
    try {
      await queueSms(unreachable.db, { to: '+79161234571', text: 'Код: 4', purpose: 'test' });
      await unreachable.drainJobs();
      const [job] = await unreachable.db.select().from(jobs).where(eq(jobs.name, 'sms.send'));
      expect(job).toMatchObject({ status: 'queued', attempts: 1 });
      expect(job?.lastError).toContain('unreachable');
    } finally {
      await unreachable.close();
    }
  });
});

describe('SMS configuration', () => {
  it('uses the dev inbox by default and SMS.ru when asked', () => {
    expect(loadConfig({}).sms).toEqual({ provider: 'dev' });
    expect(loadConfig({ SMS_PROVIDER: 'smsru', SMSRU_API_ID: apiId, SMSRU_FROM: 'Shop' }).sms).toEqual({
      provider: 'smsru',
      apiId,
      from: 'Shop',
      url: 'https://sms.ru',
    });
  });

  it('stops with a clear message when SMS.ru is chosen without its api_id or the provider is unknown', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'smsru' })).toThrow(ConfigError);
    expect(() => loadConfig({ SMS_PROVIDER: 'smsru' })).toThrow(/SMSRU_API_ID is required/);
    expect(() => loadConfig({ SMS_PROVIDER: 'twilio' })).toThrow(/SMS_PROVIDER="twilio" is invalid/);
  });
});
