#!/usr/bin/env node
// npm run bench: generates a data set, starts the built server on it, drives each scenario with
// autocannon and writes bench/results/<time>.json, latest.json and latest.md (req/s, latency, RSS).
//   BENCH_DURATION=10 BENCH_CONNECTIONS=50 npm run bench
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench   (fresh DB on that server)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const productCount = process.env.BENCH_PRODUCTS ?? '10000';

const scenarios = [
  { name: 'healthz', path: '/healthz', what: 'process up, no database' },
  { name: 'public settings', path: '/api/v1/public/settings', what: 'one database read, public' },
];

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
    const proc = spawn(process.execPath, [join(root, 'scripts/kabinet.mjs'), 'start'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Kabinet is running at (http\S+)/.exec(out);
      if (match) resolve({ proc, url: match[1] });
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

const dataDir = mkdtempSync(join(tmpdir(), 'kabinet-bench-'));
const pgDb = process.env.BENCH_DATABASE_URL ? await freshPostgres(process.env.BENCH_DATABASE_URL) : undefined;
const dbEnv = pgDb ? { DATABASE_URL: pgDb.url } : {};
let server;
try {
  const gen = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/generate.ts'), dataDir, productCount],
    {
      cwd: root,
      env: { ...process.env, ...dbEnv },
      stdio: 'inherit',
    },
  );
  if (gen.status !== 0) throw new Error('data generation failed');

  server = await startServer({
    ...dbEnv,
    PORT: '0',
    HOST: '127.0.0.1',
    KABINET_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const coldStartMs = pgDb ? undefined : await measureColdStart({});
  const results = [];
  for (const scenario of scenarios) {
    await autocannon({ url: server.url + scenario.path, connections, duration: 2 }); // warm-up
    let peakRss = rssMb(server.proc.pid);
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, rssMb(server.proc.pid));
    }, 250);
    const r = await autocannon({ url: server.url + scenario.path, connections, duration });
    clearInterval(sampler);
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
    });
    process.stdout.write(
      `bench: ${scenario.name}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms\n`,
    );
  }

  const run = {
    date: new Date().toISOString(),
    database: pgDb ? 'postgres' : 'pglite',
    products: Number(productCount),
    connections,
    durationSec: duration,
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    coldStartMs,
    results,
  };
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = run.date.replace(/[:.]/g, '-');
  writeFileSync(join(dir, `${stamp}-${run.database}.json`), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(join(dir, `latest-${run.database}.json`), `${JSON.stringify(run, null, 2)}\n`);
  const table = [
    `# Kabinet benchmark — ${run.date}`,
    '',
    `Database: ${run.database}; ${run.products} products; ${connections} connections for ${duration} s per scenario;`,
    `${run.machine.cpus} cores, ${run.machine.memoryGb} GiB, Node ${run.machine.node}. Server and load generator share the machine.`,
    ...(coldStartMs === undefined
      ? []
      : [
          '',
          `Cold start (empty data directory, migrations and demo data, to the first /healthz answer): ${coldStartMs} ms (target: under 20 s).`,
        ]),
    '',
    '| scenario | path | req/s | p50 ms | p99 ms | errors | non-2xx | server RSS MB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.scenario} | \`${r.path}\` | ${r.requestsPerSec} | ${r.latencyP50Ms} | ${r.latencyP99Ms} | ${r.errors} | ${r.non2xx} | ${r.serverRssMb} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(join(dir, `latest-${run.database}.md`), table);
  process.stdout.write(`\n${table}\nbench: results written to bench/results/\n`);
} finally {
  if (server) {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
  }
  await pgDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
