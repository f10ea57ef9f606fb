import { Validator } from '@seriousme/openapi-schema-validator';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgPermissions, permissions } from '../shared/permissions.js';
import { buildTestApp, type TestApp } from '../test/app.js';
import { type Access, registerAccessControl } from './core/access.js';
import { AppError } from './core/errors.js';
import { registerProblemHandlers } from './core/problem-handlers.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const expectProblem = (body: string, status: number, code: string) => {
  const problem = JSON.parse(body);
  expect(problem).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String) });
  expect(problem.type).toMatch(/^https:\/\//);
  expect(body).not.toMatch(/at .*\.(ts|js):\d+/);
  return problem;
};

describe('OpenAPI', () => {
  it('serves a valid OpenAPI 3.1 document describing the routes', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/public/settings',
        '/api/v1/admin/dev-mailbox',
        '/api/v1/admin/dev-mailbox/{id}',
      ]),
    );
    const result = await new Validator().validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('serves the docs page', async () => {
    const res = await t.app.inject({ url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('problem bodies', () => {
  it('answers unknown API routes with a 404 problem', async () => {
    const res = await t.app.inject({ url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expectProblem(res.body, 404, 'NOT_FOUND');
  });

  it('answers a malformed JSON body with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/mail/test',
      headers: { 'content-type': 'application/json', cookie: await t.operator() },
      payload: '{"to": "a@b.ru",',
    });
    expect(res.statusCode).toBe(400);
    expect(expectProblem(res.body, 400, 'BAD_REQUEST').detail).toMatch(/JSON/);
  });

  it('answers invalid fields with 400 and field paths', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/mail/test',
      headers: { cookie: await t.operator() },
      payload: { to: 'not-an-email', locale: 'de' },
    });
    expect(res.statusCode).toBe(400);
    const problem = expectProblem(res.body, 400, 'VALIDATION_FAILED');
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.locale', 'body.to']);
  });

  it('answers a bad query and a bad path parameter with 400', async () => {
    const cookie = await t.operator();
    const query = await t.app.inject({ url: '/api/v1/admin/dev-mailbox?limit=1000', headers: { cookie } });
    expect(query.statusCode).toBe(400);
    expect(expectProblem(query.body, 400, 'VALIDATION_FAILED').errors[0].path).toBe('query.limit');
    const param = await t.app.inject({ url: '/api/v1/admin/dev-mailbox/not-a-uuid', headers: { cookie } });
    expect(param.statusCode).toBe(400);
    const cursor = await t.app.inject({
      url: '/api/v1/admin/dev-mailbox?cursor=garbage',
      headers: { cookie },
    });
    expect(cursor.statusCode).toBe(400);
  });

  it('answers an over-long path parameter and a malformed URL with 400', async () => {
    const cookie = await t.operator();
    const long = await t.app.inject({
      url: `/api/v1/admin/dev-mailbox/${'a'.repeat(500)}`,
      headers: { cookie },
    });
    expect(long.statusCode).toBeGreaterThanOrEqual(400);
    expect(long.statusCode).toBeLessThan(500);
    const malformed = await t.app.inject({ url: '/api/v1/admin/dev-mailbox/%E0%A4%A' });
    expect(malformed.statusCode).toBe(400);
    expectProblem(malformed.body, 400, 'BAD_REQUEST');
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/mail/test',
      headers: { 'content-type': 'application/json', cookie: await t.operator() },
      payload: JSON.stringify({ to: 'a@b.ru', pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expectProblem(res.body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('hides internals of unexpected errors and keeps domain errors readable', async () => {
    const app = Fastify({ logger: false });
    registerProblemHandlers(app);
    app.get('/boom', async () => {
      throw new Error('secret connection string postgres://admin:pw@db');
    });
    app.get('/domain', async () => {
      throw new AppError('CONFLICT', 'Order is already shipped');
    });
    const boom = await app.inject({ url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('secret');
    expectProblem(boom.body, 500, 'INTERNAL');
    const domain = await app.inject({ url: '/domain' });
    expect(domain.statusCode).toBe(409);
    expect(expectProblem(domain.body, 409, 'CONFLICT').detail).toBe('Order is already shipped');
  });
});

/** Every route Fastify knows, as `METHOD /path`, read from its radix tree (HEAD twins left out). */
function fastifyRoutes(app: TestApp['app']): string[] {
  const found: string[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const marker = line.search(/[├└]── /);
    if (marker < 0) continue;
    const depth = marker / 4;
    const match = /^(.*?)(?: \(([^)]*)\))?$/.exec(line.slice(marker + 4)) as RegExpExecArray;
    const path = (prefixes[depth - 1] ?? '') + match[1];
    prefixes[depth] = path;
    for (const method of match[2]?.split(', ') ?? []) if (method !== 'HEAD') found.push(`${method} ${path}`);
  }
  return found;
}

/** Routes anyone may call. Adding one is a decision: put it here, in the test, on purpose. */
const expectedPublicRoutes = [
  'GET /api/openapi.json',
  'GET /api/v1/session',
  'GET /api/v1/auth/operator',
  'GET /api/v1/auth/*',
  'POST /api/v1/auth/*',
  'GET /api/v1/public/settings',
  'GET /api/v1/public/sign-in-options',
  // Invitation links and the e-mail-change link: the token in the path or body is the credential.
  'GET /api/v1/invitations/:token',
  'POST /api/v1/invitations/:token/sign-up',
  'POST /api/v1/me/email-change/confirm',
  'POST /api/v1/public/catalog/price-quote',
  // The public catalog: guests see the public assortment at guest prices.
  'GET /api/v1/public/catalog/products',
  'GET /api/v1/public/catalog/products/:productId',
  'GET /api/v1/public/catalog/categories',
  // The 1C exchange: HTTP Basic at checkauth, then its own session cookie or sessid (docs/1c-exchange.md).
  'GET /api/1c/exchange',
  'POST /api/1c/exchange',
  // The REST import of documents: HTTP Basic with an integration account, checked by the route itself
  // (docs/documents.md, "Import").
  'POST /api/v1/import/balances',
  'POST /api/v1/import/documents',
  'POST /api/v1/import/payments',
  // Catalog media: image files of products, and documents checked against the catalog's visibility.
  'GET /api/v1/public/catalog/media/:key',
  'GET /api/v1/public/catalog/documents/:documentId',
  // The delivery calculator for guests (retail methods only).
  'POST /api/v1/public/delivery/quote',
  // Payment providers' webhooks (signed, or confirmed through the provider's API) and the dev provider's
  // payment page, which stands in for the provider's own site (docs/payments.md).
  'POST /api/v1/public/payments/webhooks/:provider',
  'GET /api/v1/public/payments/dev-pay/:providerPaymentId',
  'POST /api/v1/public/payments/dev-pay/:providerPaymentId',
  // The landing of a referral link: who invites and what the friend gets (docs/referrals.md).
  'GET /api/v1/public/referrals/:code',
  // The guest's cart, found by the token in its httpOnly cookie (docs/carts.md).
  'GET /api/v1/public/cart',
  'POST /api/v1/public/cart/lines',
  'PATCH /api/v1/public/cart/lines/:variantId',
  'DELETE /api/v1/public/cart/lines/:variantId',
  'DELETE /api/v1/public/cart/lines',
  'POST /api/v1/public/cart/quick-order',
  'POST /api/v1/public/cart/quick-order/file',
  // The help centre: guests read public articles and vote anonymously (docs/kb.md).
  'GET /api/v1/public/kb/categories',
  'GET /api/v1/public/kb/articles',
  'GET /api/v1/public/kb/articles/:slug',
  'POST /api/v1/public/kb/articles/:slug/feedback',
  'GET /api/v1/public/kb/suggest',
];

describe('every route declares its access', () => {
  it('finds a declared access for every API route Fastify has registered', () => {
    const declared = new Set(t.app.kabinet.routes.map((r) => `${r.method} ${r.url}`));
    const all = fastifyRoutes(t.app);
    expect(all.length).toBeGreaterThan(20);
    const api = all.filter((r) => / \/api\/v\d/.test(r));
    expect(api.filter((r) => !declared.has(r))).toEqual([]);
    // Elsewhere under /api only the API docs; outside /api the operations endpoints and the built web
    // app's static files, none of which reads data.
    const other = all.filter((r) => / \/api\//.test(r) && !/ \/api\/v\d/.test(r) && !declared.has(r));
    expect(other.filter((r) => !/ \/api\/docs(\/.*)?$/.test(r))).toEqual([]);
  });

  it('uses only permission keys from src/shared/permissions.ts and one form of access per route', () => {
    const keys = new Set<string>(permissions);
    const orgKeys = new Set<string>(orgPermissions);
    const problems: string[] = [];
    for (const route of t.app.kabinet.routes) {
      const access: Access = route.access;
      const forms = Object.keys(access);
      const name = `${route.method} ${route.url}`;
      if (forms.length !== 1) problems.push(`${name}: ${forms.join('+')}`);
      if ('public' in access && access.public !== true) problems.push(`${name}: public must be true`);
      if ('signedIn' in access && access.signedIn !== true) problems.push(`${name}: signedIn must be true`);
      if ('permission' in access && !keys.has(access.permission))
        problems.push(`${name}: ${access.permission}`);
      if ('org' in access && !orgKeys.has(access.org)) problems.push(`${name}: ${access.org}`);
      if (route.url.startsWith('/api/v1/admin/') && !('permission' in access))
        problems.push(`${name}: admin`);
      if (route.url.includes('/orgs/:orgId') && !('org' in access)) problems.push(`${name}: org`);
    }
    expect(problems).toEqual([]);
  });

  it('declares public exactly the routes listed as public', () => {
    const publicRoutes = t.app.kabinet.routes
      .filter((r) => 'public' in r.access && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual([...expectedPublicRoutes].sort());
  });
});

describe('access control', () => {
  it('refuses to start when an API route declares no access', async () => {
    const app = Fastify({ logger: false });
    registerAccessControl(app, {
      person: async () => null,
      membership: async () => null,
      trustedOrigins: [],
    });
    await expect(async () => {
      app.get('/api/v1/forgotten', async () => 'oops');
      await app.ready();
    }).rejects.toThrow(/does not declare config.access/);
  });

  it('requires sign-in for back-office routes and accepts the operator', async () => {
    const anonymous = await t.app.inject({ url: '/api/v1/admin/dev-mailbox' });
    expect(anonymous.statusCode).toBe(401);
    expectProblem(anonymous.body, 401, 'UNAUTHENTICATED');
    const forged = await t.app.inject({
      url: '/api/v1/admin/dev-mailbox',
      headers: { cookie: 'kabinet_operator=operator:1' },
    });
    expect(forged.statusCode).toBe(401);
    const signedIn = await t.app.inject({
      url: '/api/v1/admin/dev-mailbox',
      headers: { cookie: await t.operator() },
    });
    expect(signedIn.statusCode).toBe(200);
  });

  it('rejects a wrong operator token and sets a hardened cookie for the right one', async () => {
    const wrong = await t.app.inject({ url: '/api/v1/auth/operator?token=nope' });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({ url: '/api/v1/auth/operator?token=test-operator-token-0123456789' });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/admin/mailbox');
    const cookie = right.cookies[0];
    expect(cookie).toMatchObject({ name: 'kabinet_operator', httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('reports the session', async () => {
    const anonymous = await t.app.inject({ url: '/api/v1/session' });
    expect(anonymous.json()).toEqual({ user: null, permissions: [] });
    const operator = await t.app.inject({ url: '/api/v1/session', headers: { cookie: await t.operator() } });
    expect(operator.json().permissions).toContain('devMailbox.read');
  });
});

describe('operations endpoints and headers', () => {
  it('answers /healthz, /readyz and /metrics', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ok');
    await t.app.inject({ url: '/api/v1/public/settings' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/public\/settings",status="200"\} \d+/,
    );
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
  });

  it('sets a request id (or echoes a sane one) and security headers', async () => {
    const res = await t.app.inject({
      url: '/api/v1/public/settings',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const generated = await t.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS only behind TLS', async () => {
    const behindProxy = await buildTestApp({ trustProxy: true });
    try {
      const res = await behindProxy.app.inject({
        url: '/healthz',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await behindProxy.close();
    }
  });

  it('compresses large responses', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('rate-limits API requests with a 429 problem', async () => {
    const limited = await buildTestApp({ rateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++)
        codes.push((await limited.app.inject({ url: '/api/v1/public/settings' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const res = await limited.app.inject({ url: '/api/v1/public/settings' });
      expectProblem(res.body, 429, 'RATE_LIMITED');
      expect((await limited.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
