// Writes a bench run to bench/results/: <time>-<db>.json, latest-<db>.json, latest-<db>.md, and README.md, which
// compares the latest PostgreSQL and PGlite runs with the issue's targets.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const importTarget = { seconds: 180, rssMb: 500 };

function verdict(ok) {
  return ok === undefined ? '' : ok ? '✅' : '❌';
}

/** The markdown of one run. */
export function runMarkdown(run) {
  const gen = run.generation;
  return [
    `# Kabinet benchmark — ${run.date}`,
    '',
    `Database: ${run.database}; ${run.products} products${run.orders ? `; ${run.orders} orders` : ''}; ${run.connections} connections for ${run.durationSec} s per scenario;`,
    `${run.machine.cpus} cores (${run.machine.cpuModel}), ${run.machine.memoryGb} GiB, Node ${run.machine.node}, ${run.machine.os}.`,
    ...(run.processes === 'web + worker'
      ? [
          'The server ran as two processes on the same database, as docs/operations.md deploys a busy site: one serving HTTP (`KABINET_WORKER=false`, its memory is the RSS column) and one running the background jobs.',
        ]
      : []),
    `Server, database and load generator share the machine; its 1-minute load average was ${run.machine.loadAverage?.before ?? '?'} before the run and ${run.machine.loadAverage?.after ?? '?'} after (other work on it inflates the latencies)${run.machine.nice !== undefined ? `; the bench ran at nice ${run.machine.nice}` : ''}.`,
    ...(gen
      ? ['', `Data generation (bench/generate.ts): ${gen.seconds} s for ${gen.products} products.`]
      : []),
    ...(run.coldStartMs === undefined
      ? []
      : [
          '',
          `Cold start (empty data directory, migrations and demo data, to the first /healthz answer): ${run.coldStartMs} ms (target: under 20 s).`,
        ]),
    '',
    '| scenario | req/s | p50 ms | p99 ms | target | errors | non-2xx | server RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...run.results.map(
      (r) =>
        `| ${r.scenario} | ${r.requestsPerSec} | ${r.latencyP50Ms} | ${r.latencyP99Ms} | ${targetOf(r)} | ${r.errors} | ${r.non2xx} | ${r.serverRssMb} |`,
    ),
    '',
    ...run.results.map(
      (r) =>
        `- **${r.scenario}**: \`${r.path}\` — ${r.what}${r.note ? ` (${r.note})` : ''}${r.oversoldStockRows !== undefined ? `; stock rows below zero afterwards: ${r.oversoldStockRows ?? 'not checked on PGlite'}` : ''}${backgroundOf(r)}`,
    ),
    '',
    ...(run.quickOrder
      ? [
          '## Quick order from XLSX',
          '',
          run.quickOrder.skipped
            ? `Skipped: ${run.quickOrder.skipped}`
            : `A ${run.quickOrder.lines}-line XLSX (${run.quickOrder.fileKb} KB, ${run.quickOrder.matched} SKUs matched) parsed and priced by the company cart's quick-order preview, ${run.quickOrder.rounds} uploads one after another: p50 ${run.quickOrder.p50Ms} ms, slowest ${run.quickOrder.maxMs} ms (target: under ${run.quickOrder.targetMs} ms) ${verdict(run.quickOrder.meetsTarget)}.`,
          '',
        ]
      : []),
    ...(run.import
      ? [
          '## CommerceML import',
          '',
          run.import.skipped
            ? `Skipped: ${run.import.skipped}`
            : `${run.import.products} products with offers (${run.import.fileMb} MB of XML): ${run.import.seconds} s, peak memory ${run.import.peakRssMb} MB (targets on PostgreSQL: under ${importTarget.seconds} s and ${importTarget.rssMb} MB) ${run.database === 'postgres' ? verdict(run.import.seconds < importTarget.seconds && run.import.peakRssMb < importTarget.rssMb) : ''}. ${run.import.how ?? ''}`,
          '',
        ]
      : []),
  ].join('\n');
}

/** Stores a run and refreshes the summary README. */
export function writeResults(root, run) {
  if (!run) return writeSummary(root);
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = run.date.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(run, null, 2)}\n`;
  writeFileSync(join(dir, `${stamp}-${run.database}.json`), json);
  writeFileSync(join(dir, `latest-${run.database}.json`), json);
  const md = runMarkdown(run);
  writeFileSync(join(dir, `latest-${run.database}.md`), md);
  writeFileSync(join(dir, 'README.md'), summary(dir));
  return md;
}

function load(dir, db) {
  const file = join(dir, `latest-${db}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Rewrites only the summary from the latest runs (after a hand edit of the report code). */
function writeSummary(root) {
  const dir = join(root, 'bench', 'results');
  writeFileSync(join(dir, 'README.md'), summary(dir));
  return summary(dir);
}

/** bench/results/README.md: the targets of issue 4 against the latest run on each database. */
function summary(dir) {
  const runs = ['postgres', 'pglite'].map((db) => load(dir, db)).filter(Boolean);
  const row = (name, pick) => `| ${name} | ${runs.map((run) => pick(run) ?? '—').join(' | ')} |`;
  const scenario = (run, name) => run.results.find((r) => r.scenario === name);
  const cell = (run, name) => {
    const r = scenario(run, name);
    if (!r) return undefined;
    if (r.requestsPerSec === 0 && r.errors > 0)
      return `no answer within 10 s (${r.errors} timeouts) ${verdict(r.meetsTarget)}`;
    const background = r.background
      ? `; ${r.background.withBackgroundPerSec}/s with its background work`
      : '';
    return `p50 ${r.latencyP50Ms} / p99 ${r.latencyP99Ms} ms, ${r.requestsPerSec} req/s ${verdict(r.meetsTarget)}${background}`;
  };
  const names = [...new Set(runs.flatMap((run) => run.results.map((r) => r.scenario)))];
  return [
    '# Benchmark results',
    '',
    'Produced by `npm run bench` (bench/run.mjs): a generated catalog (bench/generate.ts), the built server, autocannon',
    'at the stated connections, server RSS sampled every 250 ms. Targets (issue 4, PostgreSQL on a 2-core machine):',
    'catalog listing and search p99 < 50 ms at 50 connections, product page p99 < 30 ms, a 100 000-product',
    'CommerceML import under 3 minutes and 500 MB. Issue 5, with 1 000 000 orders: order history and filters p99 < 50 ms,',
    'order detail p99 < 30 ms, at least 200 placed 20-line orders/s with no stock oversold, a 300-line quick-order XLSX',
    'in under 1 s. PGlite has no target; it is one connection, so queries queue.',
    '',
    `| | ${runs.map((r) => r.database).join(' | ')} |`,
    `| --- | ${runs.map(() => '---').join(' | ')} |`,
    row('date', (r) => r.date),
    row(
      'machine',
      (r) =>
        `${r.machine.cpus} cores, ${r.machine.memoryGb} GiB, Node ${r.machine.node}, load average ${r.machine.loadAverage?.before ?? '?'} → ${r.machine.loadAverage?.after ?? '?'}`,
    ),
    row('products', (r) => String(r.products)),
    row('orders', (r) => (r.orders ? String(r.orders) : undefined)),
    row('connections × seconds', (r) => `${r.connections} × ${r.durationSec}`),
    row('data generation', (r) => (r.generation ? `${r.generation.seconds} s` : undefined)),
    ...names.map((name) => row(name, (r) => cell(r, name))),
    row('quick order, 300-line XLSX', (r) =>
      r.quickOrder && !r.quickOrder.skipped
        ? `p50 ${r.quickOrder.p50Ms} / max ${r.quickOrder.maxMs} ms ${verdict(r.quickOrder.meetsTarget)}`
        : r.quickOrder?.skipped,
    ),
    row('CommerceML import', (r) =>
      r.import && !r.import.skipped
        ? `${r.import.products} products: ${r.import.seconds} s, ${r.import.peakRssMb} MB ${r.database === 'postgres' ? verdict(r.import.seconds < importTarget.seconds && r.import.peakRssMb < importTarget.rssMb) : ''}`
        : r.import?.skipped,
    ),
    '',
    'Details: [latest-postgres.md](latest-postgres.md), [latest-pglite.md](latest-pglite.md); every run is kept as',
    '`<time>-<database>.json`. Where the time goes and what changed it: [ANALYSIS.md](ANALYSIS.md). Repeated pages are served by the read cache (docs/performance.md); the "first views" scenarios measure pages it has not seen.',
    '',
  ].join('\n');
}

/** What a scenario left for the job runner, and the rate with that work included. */
function backgroundOf(r) {
  const b = r.background;
  if (!b) return '';
  return `; background work (notifications, mails): ${b.jobs} jobs, ${b.waitingAtEnd} still waiting when the load stopped, all done ${b.drainSeconds} s later, so **${b.withBackgroundPerSec} orders/s with their background work included** (warm-up and run, over the time until the last job was done)`;
}

/** The target column: p99 under N ms, or at least N requests per second. */
function targetOf(r) {
  if (r.targetMinRps) return `≥ ${r.targetMinRps} req/s ${verdict(r.meetsTarget)}`;
  return r.targetP99Ms ? `< ${r.targetP99Ms} ${verdict(r.meetsTarget)}` : '';
}
