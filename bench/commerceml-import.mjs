#!/usr/bin/env node
// Runs a whole 1C catalog exchange against a running Kabinet server, as 1C does, and measures it:
// checkauth (HTTP Basic) → init → file (import.xml, offers.xml in chunks of the server's file_limit, or one zip)
// → import repeated until success.
//   node bench/commerceml-import.mjs --url http://127.0.0.1:3000 --dir <dir with import.xml offers.xml>
//     [--login 1c --password secret]  (default: KABINET_1C_LOGIN / KABINET_1C_PASSWORD)
//     [--pid <server pid>]            sample the server's RSS from /proc/<pid>/status every 200 ms
//     [--zip]                         send both files as one zip archive
// Prints JSON: {"seconds", "uploadSeconds", "importSeconds", "peakRssMb", "products", "offers", "steps"}.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const url = arg('url', process.env.BENCH_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const dir = arg('dir', '');
const login = arg('login', process.env.KABINET_1C_LOGIN ?? '');
const password = arg('password', process.env.KABINET_1C_PASSWORD ?? '');
const pid = arg('pid', '');
const zip = process.argv.includes('--zip');
if (!dir || !login || !password) {
  console.error(
    'usage: node bench/commerceml-import.mjs --url <server> --dir <dir> --login <l> --password <p> [--pid <pid>] [--zip]',
  );
  process.exit(2);
}

let peakRssKb = 0;
const sample = () => {
  if (!pid) return;
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    peakRssKb = Math.max(peakRssKb, kb);
  } catch {}
};
const sampler = setInterval(sample, 200);
sample();

let cookie = '';
async function call(query, body) {
  const headers = { cookie };
  if (query.includes('checkauth'))
    headers.authorization = `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
  if (body) headers['content-type'] = 'application/octet-stream';
  const response = await fetch(`${url}/api/1c/exchange?type=catalog&${query}`, {
    method: body ? 'POST' : 'GET',
    headers,
    body,
  });
  const lines = (await response.text()).split('\n');
  if (lines[0] === 'failure') throw new Error(`${query}: ${lines.slice(1).join(' ')}`);
  return lines;
}

const started = performance.now();
const auth = await call('mode=checkauth');
cookie = `${auth[1]}=${auth[2]}`;
const init = await call('mode=init');
const fileLimit = Number(init.find((l) => l.startsWith('file_limit='))?.split('=')[1] ?? 1024 * 1024);

/** Sends a file in chunks of file_limit, reading it piece by piece (never whole). */
async function upload(name, path) {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    for (let at = 0; at < size; at += fileLimit) {
      const chunk = Buffer.alloc(Math.min(fileLimit, size - at));
      readSync(fd, chunk, 0, chunk.length, at);
      await call(`mode=file&filename=${encodeURIComponent(name)}`, chunk);
    }
  } finally {
    closeSync(fd);
  }
}

if (zip) {
  const archive = join(mkdtempSync(join(tmpdir(), 'kabinet-cml-zip-')), 'exchange.zip');
  execFileSync('zip', ['-j', '-q', archive, join(dir, 'import.xml'), join(dir, 'offers.xml')]);
  await upload('v8_exchange.zip', archive);
} else {
  await upload('import.xml', join(dir, 'import.xml'));
  await upload('offers.xml', join(dir, 'offers.xml'));
}
const uploaded = performance.now();

let steps = 0;
const counts = {};
for (const name of ['import.xml', 'offers.xml']) {
  for (;;) {
    steps++;
    const lines = await call(`mode=import&filename=${name}`);
    if (lines[0] === 'success') {
      for (const m of (lines[1] ?? '').matchAll(/(\w+)=(\d+)/g)) counts[`${name}:${m[1]}`] = Number(m[2]);
      break;
    }
  }
}
await call('mode=complete');
const finished = performance.now();
clearInterval(sampler);
sample();
console.log(
  JSON.stringify({
    seconds: Math.round((finished - started) / 100) / 10,
    uploadSeconds: Math.round((uploaded - started) / 100) / 10,
    importSeconds: Math.round((finished - uploaded) / 100) / 10,
    peakRssMb: pid ? Math.round(peakRssKb / 1024) : null,
    products: counts['import.xml:products'] ?? 0,
    offers: counts['offers.xml:offers'] ?? 0,
    steps,
  }),
);
