// Runs the server from source (tests and `npm run dev`); production runs the bundle via scripts/kabinet.mjs.
import { run } from './main.js';

await run(process.argv[2]);
