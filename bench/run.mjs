#!/usr/bin/env node
// npm run bench: generates a catalog (bench/generate.ts), starts the built server on it, drives each scenario
// (bench/scenarios.mjs) with autocannon, times a CommerceML import, and writes bench/results/ (bench/report.mjs).
//   npm run bench                                  10 000 products on the embedded database (a few minutes)
//   BENCH_PRODUCTS=100000 npm run bench            the issue's data set (the committed figures)
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench   (fresh DB on that server)
//   BENCH_DURATION=10 BENCH_CONNECTIONS=50 BENCH_ONLY=search BENCH_IMPORT=0 BENCH_PRIORITY=-10 npm run bench
//   BENCH_IMPORT_ONLY=1 BENCH_IMPORT=100000 npm run bench    only the CommerceML import, into the latest results
//   BENCH_ORDERS=1000000 ...                       the order history size (issue 5's figures; default 20 000)
//   BENCH_KEEP=/tmp/bench-1m ...                   keep the generated data there; the next run reuses it
//   BENCH_ONE_PROCESS=1 ...                        on PostgreSQL, one server process instead of web + jobs worker
//   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"   Node flags for the server processes
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, setPriority, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { runImport } from './import.mjs';
import { timeQuickOrder } from './quick-order.mjs';
import { writeResults } from './report.mjs';
import { benchScenarios } from './scenarios.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const productCount = process.env.BENCH_PRODUCTS ?? '10000';
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : undefined;
const importProducts = Number(process.env.BENCH_IMPORT ?? productCount);

async function freshPostgres(adminUrl) {
  const name = `kabinet_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

function startServer(env) {
  return new Promise((resolve, reject) => {
    // BENCH_SERVER_NODE_ARGS: Node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const proc = spawn(process.execPath, [...nodeArgs, join(root, 'scripts/kabinet.mjs'), 'start'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Kabinet is running at (http\S+)/.exec(out);
      if (match) resolve({ proc, url: match[1] });
      // Server errors (pino level 50+) go to the bench output, so a failing scenario says why.
      for (const line of String(chunk).split('\n')) {
        if (/"level":(50|60)/.test(line)) process.stderr.write(`server: ${line.slice(0, 2000)}\n`);
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}\n${out}`)));
  });
}

/** Time from `kabinet start` on an empty data directory (migrations, demo data) to the first /healthz answer. */
async function measureColdStart(env) {
  const coldDir = mkdtempSync(join(tmpdir(), 'kabinet-cold-'));
  const began = Date.now();
  const cold = await startServer({
    ...env,
    PORT: '0',
    HOST: '127.0.0.1',
    KABINET_DATA_DIR: coldDir,
    KABINET_DEMO: 'true',
    LOG_LEVEL: 'warn',
  });
  const res = await fetch(`${cold.url}/healthz`);
  const ms = Date.now() - began;
  cold.proc.kill('SIGTERM');
  await new Promise((resolve) => cold.proc.once('exit', resolve));
  rmSync(coldDir, { recursive: true, force: true });
  if (!res.ok) throw new Error(`cold start: /healthz answered ${res.status}`);
  process.stdout.write(`bench: cold start with demo data: ${ms} ms\n`);
  return ms;
}

/** Signs the bench buyer in through the API; returns the session cookie header. */
async function signIn(url, { email, password }) {
  const res = await fetch(`${url}/api/v1/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`bench: sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.split('=')[0].endsWith('session_token'));
  if (!cookie) throw new Error('bench: sign-in set no session cookie');
  return cookie;
}

/**
 * Whether a run met its target: answers came (all 2xx, no errors or timeouts) and fast enough (p99 under the
 * target) or often enough (at least the target rate).
 */
function meets(r, scenario) {
  const clean = r.requests.total > 0 && r.errors + r.timeouts === 0 && r.non2xx === 0;
  if (scenario.targetMinRps) return clean && r.requests.average >= scenario.targetMinRps;
  return clean && r.latency.p99 < scenario.targetP99Ms;
}

/** A scenario's request: GET by path, or a POST whose body (and idempotency key) is made per request. */
function requestOf(scenario) {
  if (scenario.method === 'POST') {
    let n = 0;
    const run = Date.now().toString(36);
    return {
      method: 'POST',
      setupRequest: (req) => ({
        ...req,
        path: scenario.path,
        body: JSON.stringify(scenario.body()),
        headers: {
          ...req.headers,
          'content-type': 'application/json',
          ...(scenario.idempotent ? { 'idempotency-key': `bench-${run}-${n++}` } : {}),
        },
      }),
    };
  }
  return scenario.next
    ? { setupRequest: (req) => ({ ...req, path: scenario.next() }) }
    : { path: scenario.path };
}

/** Stock rows sold below zero (must be none after the placement scenario); null on PGlite. */
async function oversold(url) {
  if (!url) return null;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query('select count(*)::int as n from stock where on_hand - reserved < 0');
    return res.rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * The background work a scenario left (notifications and mails of placed orders: jobs made since `since`, due
 * now): how many jobs, how many were still waiting when the load stopped, and how long after that the last one
 * was done (polled every 250 ms, at most 5 minutes). PostgreSQL only (PGlite lives inside the server).
 */
async function backgroundWork(url, since, loadEndedAt) {
  if (!url) return null;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const count = async (open) =>
    (
      await client.query(
        `select count(*)::int as n from jobs where created_at >= $1 and run_at <= now()${open ? " and status in ('queued', 'running')" : ''}`,
        [since],
      )
    ).rows[0].n;
  try {
    const waiting = await count(true);
    while ((await count(true)) > 0 && Date.now() - loadEndedAt < 300_000)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const drainSeconds = Math.round((Date.now() - loadEndedAt) / 100) / 10;
    return { jobs: await count(false), waitingAtEnd: waiting, drainSeconds };
  } finally {
    await client.end();
  }
}

/**
 * Waits until requests cut off at the end of a scenario have finished on the server (a database ping answers
 * quickly twice in a row, or 60 s pass), so one scenario's backlog does not count against the next.
 */
async function drained(url) {
  const until = Date.now() + 60_000;
  let quick = 0;
  while (quick < 2 && Date.now() < until) {
    const began = Date.now();
    await fetch(`${url}/readyz`).catch(() => undefined);
    quick = Date.now() - began < 300 ? quick + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Asks for each path once, ten at a time (a scenario's `warmPaths`: pages people have viewed before). */
async function warmUp(url, paths, headers) {
  const queue = [...paths];
  const worker = async () => {
    for (let path = queue.shift(); path; path = queue.shift())
      await (await fetch(url + path, { headers })).text();
  };
  await Promise.all(Array.from({ length: 10 }, worker));
}

/**
 * Drives one scenario: its warm-up paths, a 2-second warm-up (none for a `cold` scenario, whose paths are each
 * asked once), then the measured run with the server's RSS sampled.
 */
async function drive(server, scenario, cookie) {
  // A cookie-carrying write must say it comes from the portal's pages (the CSRF check).
  const headers = {
    ...(scenario.signedIn ? { cookie } : {}),
    ...(scenario.method === 'POST' ? { origin: server.url } : {}),
  };
  const options = {
    url: server.url,
    connections,
    headers,
    requests: [requestOf(scenario)],
  };
  const probe =
    scenario.method === 'POST'
      ? await fetch(server.url + scenario.path, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'idempotency-key': `probe-${Date.now()}`,
          },
          body: JSON.stringify(scenario.body()),
        })
      : await fetch(server.url + scenario.path, { headers });
  const body = await probe.text();
  if (probe.status === 404 && body.includes('No route')) return { skipped: 'the route is not there yet' };
  if (!probe.ok) process.stdout.write(`bench: ${scenario.name}: first answer ${probe.status} ${body}\n`);
  if (scenario.warmPaths) await warmUp(server.url, scenario.warmPaths, headers);
  const since = new Date();
  const warm = scenario.cold ? undefined : await autocannon({ ...options, duration: 2 });
  let peakRss = rssMb(server.proc.pid);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssMb(server.proc.pid));
  }, 250);
  const r = await autocannon({ ...options, duration });
  const loadEndedAt = Date.now();
  clearInterval(sampler);
  // The background work is watched from the moment the load stops, while the cut-off requests finish.
  const [work] = await Promise.all([
    scenario.background ? backgroundWork(server.dbUrl, since, loadEndedAt) : undefined,
    drained(server.url),
  ]);
  if (!scenario.background) return { r, peakRss };
  // Orders per second with their background work included: everything placed (warm-up too) over the time until
  // the last of its jobs was done.
  const placed = r.requests.total + (warm?.requests.total ?? 0);
  const background = work && {
    ...work,
    withBackgroundPerSec: Math.round(placed / (duration + (warm ? 2 : 0) + work.drainSeconds)),
  };
  return { r, peakRss, background };
}

// On a shared machine, BENCH_PRIORITY=-10 gives the bench (and the generator, server and load it starts, which
// inherit it) the CPU before other work; the results record it.
const priority = process.env.BENCH_PRIORITY ? Number(process.env.BENCH_PRIORITY) : undefined;
if (priority !== undefined) setPriority(priority);
// The machine is shared: the load average before and after says how much else was running.
const loadBefore = loadavg()[0];

/** A fresh PostgreSQL database for the import, or none (the import's server then makes a fresh PGlite). */
const freshImportDb = process.env.BENCH_DATABASE_URL
  ? async () => {
      const fresh = await freshPostgres(process.env.BENCH_DATABASE_URL);
      return { env: { DATABASE_URL: fresh.url }, drop: fresh.drop };
    }
  : undefined;

// BENCH_IMPORT_ONLY=1: only the CommerceML import, added to the latest run of this database kind.
if (process.env.BENCH_IMPORT_ONLY) {
  const kind = process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite';
  const run = JSON.parse(readFileSync(join(root, 'bench', 'results', `latest-${kind}.json`), 'utf8'));
  const products = Number(process.env.BENCH_IMPORT ?? run.products);
  run.import = {
    ...(await runImport({ root, products, dbEnv: {}, startServer, rssMb, freshDbEnv: freshImportDb })),
    date: new Date().toISOString(),
    loadAverage: Math.round(loadavg()[0] * 10) / 10,
  };
  process.stdout.write(`\n${writeResults(root, run)}\n`);
  process.exit(0);
}
// BENCH_KEEP=<dir>: the generated data (and its PostgreSQL database) stay in <dir> and a later run with the same
// BENCH_KEEP measures them again without generating (1 000 000 orders take minutes to make).
const kept = process.env.BENCH_KEEP;
const keptState = kept && existsSync(join(kept, 'bench-state.json'));
const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'kabinet-bench-'));
const infoPath = join(dataDir, 'bench-info.json');
const pgDb = keptState
  ? JSON.parse(readFileSync(join(dataDir, 'bench-state.json'), 'utf8')).pgDb
  : process.env.BENCH_DATABASE_URL
    ? await freshPostgres(process.env.BENCH_DATABASE_URL)
    : undefined;
const dbEnv = pgDb ? { DATABASE_URL: pgDb.url } : {};
let server;
let worker;
try {
  if (!keptState) {
    mkdirSync(dataDir, { recursive: true });
    const gen = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench/generate.ts'), dataDir, productCount, infoPath],
      { cwd: root, env: { ...process.env, ...dbEnv }, stdio: 'inherit' },
    );
    if (gen.status !== 0) throw new Error('data generation failed');
    if (kept)
      writeFileSync(join(dataDir, 'bench-state.json'), JSON.stringify({ pgDb: pgDb && { url: pgDb.url } }));
  }
  const info = JSON.parse(readFileSync(infoPath, 'utf8'));

  // On PostgreSQL the jobs run in a second process, as docs/operations.md deploys it (a web copy with
  // KABINET_WORKER=false and a worker): Node runs one thread per process, so one process would leave a core to
  // PostgreSQL alone. BENCH_ONE_PROCESS=1 measures the single process that serves and works.
  const split = Boolean(pgDb) && !process.env.BENCH_ONE_PROCESS;
  const serverEnv = {
    ...dbEnv,
    PORT: '0',
    HOST: '127.0.0.1',
    KABINET_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
  };
  server = await startServer({ ...serverEnv, ...(split ? { KABINET_WORKER: 'false' } : {}) });
  worker = split ? await startServer({ ...serverEnv, KABINET_WORKER: 'true' }) : undefined;
  server.dbUrl = pgDb?.url;
  const cookie = await signIn(server.url, info.buyer);
  const results = [];
  for (const scenario of benchScenarios(info)) {
    if (only && !only.test(scenario.name)) continue;
    const { r, peakRss, skipped, background } = await drive(server, scenario, cookie);
    if (skipped) {
      process.stdout.write(`bench: ${scenario.name}: skipped (${skipped})\n`);
      continue;
    }
    results.push({
      scenario: scenario.name,
      path: scenario.path,
      what: scenario.what,
      requestsPerSec: Math.round(r.requests.average),
      latencyP50Ms: r.latency.p50,
      latencyP99Ms: r.latency.p99,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
      serverRssMb: peakRss,
      ...(scenario.targetP99Ms || scenario.targetMinRps
        ? {
            ...(scenario.targetP99Ms ? { targetP99Ms: scenario.targetP99Ms } : {}),
            ...(scenario.targetMinRps ? { targetMinRps: scenario.targetMinRps } : {}),
            meetsTarget: pgDb ? meets(r, scenario) : undefined,
          }
        : {}),
      ...(scenario.checkStock ? { oversoldStockRows: await oversold(pgDb?.url) } : {}),
      ...(background ? { background } : {}),
    });
    process.stdout.write(
      `bench: ${scenario.name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}${background ? `; background: ${JSON.stringify(background)}` : ''}\n`,
    );
  }
  const quickOrder =
    info.orders && (!only || only.test('quick order'))
      ? await timeQuickOrder(server.url, cookie, info).catch((error) => ({ skipped: error.message }))
      : undefined;
  if (quickOrder) process.stdout.write(`bench: quick order: ${JSON.stringify(quickOrder)}\n`);
  for (const proc of [server, worker]) {
    proc?.proc.kill('SIGTERM');
    if (proc) await new Promise((resolve) => proc.proc.once('exit', resolve));
  }
  server = undefined;
  worker = undefined;

  const coldStartMs = pgDb || only ? undefined : await measureColdStart({});
  const imported =
    importProducts > 0 && !only
      ? await runImport({
          root,
          products: importProducts,
          dbEnv,
          startServer,
          rssMb,
          freshDbEnv: freshImportDb,
        }).catch((error) => ({ skipped: `the import failed: ${error.message}` }))
      : undefined;

  const run = {
    date: new Date().toISOString(),
    database: pgDb ? 'postgres' : 'pglite',
    products: info.products,
    connections,
    durationSec: duration,
    processes: split ? 'web + worker' : 'one',
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      os: `${process.platform} ${release()}`,
      ...(priority !== undefined ? { nice: priority } : {}),
      loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadavg()[0] * 10) / 10 },
    },
    generation: { seconds: info.seconds, products: info.products, shape: info.shape, steps: info.steps },
    coldStartMs,
    orders: info.orders || undefined,
    results,
    ...(quickOrder ? { quickOrder } : {}),
    ...(imported ? { import: imported } : {}),
  };
  const md = writeResults(root, run);
  process.stdout.write(`\n${md}\nbench: results written to bench/results/\n`);
} finally {
  for (const proc of [server, worker]) {
    if (!proc) continue;
    proc.proc.kill('SIGTERM');
    await new Promise((r) => proc.proc.once('exit', r));
  }
  if (!kept) {
    await pgDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
