import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A folder of the shared fixtures, which live beside the repository (`../shared` from its root, in CI as here);
 * `KABINET_SHARED_DIR` points elsewhere (a worktree whose parent has no shared folder). Null when it is absent
 * (a user's clone): the caller skips its fixture tests and says so with `label`.
 */
export function sharedFixtures(folder: string, label: string): string | null {
  const dir = resolve(process.env.KABINET_SHARED_DIR ?? resolve(repoRoot, '../shared'), 'fixtures', folder);
  if (existsSync(dir)) return dir;
  console.warn(`[${label}] SKIPPED the fixture tests: ${dir} is absent`);
  return null;
}
