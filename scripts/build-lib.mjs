// Build helpers shared by `kabinet start`, `npm run build` and `npm run dev`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const inputs = ['src', 'package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const stampFile = (root) => join(root, 'dist', 'build-stamp.json');

/** True when dist/ is missing or older than any build input. */
export function buildIsStale(root) {
  const stamp = stampFile(root);
  if (!existsSync(stamp) || !existsSync(join(root, 'dist', 'server', 'main.js'))) return true;
  const { inputsMtime } = JSON.parse(readFileSync(stamp, 'utf8'));
  return Math.max(...inputs.map((p) => newestMtime(join(root, p)))) > inputsMtime;
}

/** Bundles the server with esbuild (dependencies stay in node_modules). */
export async function buildServer(root) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/server/main.ts'],
    outfile: 'dist/server/main.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

/** Builds the web app with Vite into dist/web. */
export function buildWeb(root) {
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('web build failed');
}

/** Builds what is asked ('server', 'web' or both) and records the stamp when both are built. */
export async function runBuild(root, part = 'all') {
  const inputsMtime = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  const started = Date.now();
  if (part !== 'web') await buildServer(root);
  if (part !== 'server') buildWeb(root);
  if (part === 'all')
    writeFileSync(stampFile(root), JSON.stringify({ inputsMtime, builtAt: new Date().toISOString() }));
  process.stdout.write(
    `kabinet: built ${part === 'all' ? 'server and web app' : part} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
