#!/usr/bin/env node
// npm run build [-- server|web]: builds the server bundle and the web app into dist/.
// With --if-possible (used by `prepare` after `npm ci`) it does nothing when the build tools are absent.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.includes('--if-possible') && !existsSync(join(root, 'node_modules', 'esbuild'))) process.exit(0);
const part = args.find((a) => !a.startsWith('--')) ?? 'all';
const { runBuild } = await import('./build-lib.mjs');
try {
  await runBuild(root, part);
} catch (error) {
  console.error(`kabinet: ${error.message}`);
  process.exit(1);
}
