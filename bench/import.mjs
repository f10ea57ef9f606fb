// The CommerceML import scenario of `npm run bench`: a generated import.xml + offers.xml of N products
// (bench/commerceml-generate.mjs), sent through the 1C exchange protocol to a fresh server
// (bench/commerceml-import.mjs); reports the wall time and the server's peak memory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const login = 'bench-1c';
const password = 'bench-1c-password-123';

/** Runs a node script; resolves with its exit code and output, sampling the RSS of the `pids()` (the server) meanwhile. */
function runSampled(args, env, pids, rssMb) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    let peak = 0;
    const sample = () => {
      for (const pid of pids()) {
        try {
          peak = Math.max(peak, rssMb(pid));
        } catch {
          // the process has just exited
        }
      }
    };
    const timer = setInterval(sample, 250);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, peak, out });
    });
  });
}

/**
 * Generates the files, starts a fresh server without demo data and imports through it. Skipped (with the reason
 * in the results) when the exchange scripts are not in the tree.
 */
export async function runImport({ root, products, dbEnv, startServer, rssMb, freshDbEnv }) {
  const generator = join(root, 'bench', 'commerceml-generate.mjs');
  const importer = join(root, 'bench', 'commerceml-import.mjs');
  if (!existsSync(generator) || !existsSync(importer)) {
    return {
      skipped: 'bench/commerceml-generate.mjs and bench/commerceml-import.mjs are not in the tree yet',
    };
  }
  const filesDir = mkdtempSync(join(tmpdir(), 'kabinet-cml-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'kabinet-cml-db-'));
  const env = freshDbEnv ? await freshDbEnv() : { env: dbEnv, drop: async () => {} };
  let server;
  try {
    const gen = spawnSync(process.execPath, [generator, '--products', String(products), '--out', filesDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (gen.status !== 0) throw new Error('CommerceML generation failed');
    const fileMb =
      Math.round(
        readdirSync(filesDir, { recursive: true })
          .map((f) => statSync(join(filesDir, String(f))))
          .filter((s) => s.isFile())
          .reduce((sum, s) => sum + s.size, 0) /
          2 ** 20,
      ) || 0;
    server = await startServer({
      ...env.env,
      PORT: '0',
      HOST: '127.0.0.1',
      KABINET_DATA_DIR: dataDir,
      KABINET_DEMO: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      KABINET_1C_LOGIN: login,
      KABINET_1C_PASSWORD: password,
    });
    const began = Date.now();
    const { code, peak, out } = await runSampled(
      [importer, '--url', server.url, '--dir', filesDir, '--login', login, '--password', password],
      {},
      () => [server.proc.pid],
      rssMb,
    );
    const seconds = Math.round((Date.now() - began) / 100) / 10;
    if (code !== 0) throw new Error(`CommerceML import exited with ${code}`);
    // The importer prints one JSON line: {seconds, uploadSeconds, importSeconds, products, offers, steps}.
    const report = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
    process.stdout.write(
      `bench: CommerceML import of ${products} products: ${seconds} s, server peak ${peak} MB\n`,
    );
    return {
      products,
      imported: { products: report.products, offers: report.offers },
      fileMb,
      seconds,
      uploadSeconds: report.uploadSeconds,
      importSeconds: report.importSeconds,
      peakRssMb: peak,
      how: 'Through the HTTP exchange protocol (checkauth, init, the files in chunks of file_limit, import until success) to a fresh server without demo data; wall time of the whole exchange; peak RSS of the server process, sampled every 250 ms.',
    };
  } finally {
    if (server) {
      server.proc.kill('SIGTERM');
      await new Promise((r) => server.proc.once('exit', r));
    }
    await env.drop();
    rmSync(filesDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
