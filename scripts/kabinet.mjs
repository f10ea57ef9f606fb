#!/usr/bin/env node
// The `kabinet` command: builds when the sources are newer than the build, then runs the server.
//   kabinet start    migrate and serve (the default)
//   kabinet migrate  apply database migrations and exit
//   kabinet operator-link  print the back-office link (reads the data directory)
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIsStale, runBuild } from './build-lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2] ?? 'start';

// --no-build: run dist/ as it is (the test harness builds the server bundle itself).
if (!process.argv.includes('--no-build') && buildIsStale(root)) {
  if (!existsSync(join(root, 'node_modules', 'vite'))) {
    console.error(
      'kabinet: the build in dist/ is missing or older than src/ and the build tools are not installed; run `npm ci` first',
    );
    process.exit(1);
  }
  await runBuild(root);
}
const { run } = await import(pathToFileURL(join(root, 'dist', 'server', 'main.js')).href);
await run(command);
