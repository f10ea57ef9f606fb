import { createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { seedDemo } from '../../db/seed/demo.js';
import { demoPeople } from '../../db/seed/demo-data.js';
import type { Config } from '../../server/core/config.js';
import { buildTestApp, testSecrets } from '../../test/app.js';
import { users } from '../people/people.tables.js';

const password = 'demo-password-for-tests';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * A test app that really listens on a local port, so a provider's webhook job can POST to it over HTTP
 * as a real provider would, with the demo business seeded and its customer signed in.
 */
export async function paymentsTestApp(overrides: Partial<Config> = {}) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const t = await buildTestApp({ publicUrl: origin, ...overrides });
  await t.app.listen({ port, host: '127.0.0.1' });
  await seedDemo(t.db, { publicUrl: origin, password });
  const signIn = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in/email',
    payload: { email: demoPeople.customer.email, password },
    headers: { origin },
  });
  const session = signIn.cookies.find((c) => c.name.endsWith('session_token'));
  if (!session) throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
  const [customer] = await t.db.select().from(users).where(eq(users.email, demoPeople.customer.email));
  if (!customer) throw new Error('no demo customer');
  return {
    t,
    origin,
    cookie: `${session.name}=${session.value}`,
    personId: customer.id,
    ctx: { config: t.app.kabinet.config, secrets: testSecrets },
  };
}
