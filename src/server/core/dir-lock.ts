import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.js';

export interface DirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a data directory with a pid file. A lock left by a process that no longer
 * runs (killed with SIGKILL, power loss) is taken over, so a restart after a crash needs no cleanup.
 */
export function acquireDirLock(dir: string): DirLock {
  const file = join(dir, 'kabinet.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      if (isAlive(owner)) {
        throw new ConfigError(
          `KABINET_DATA_DIR=${dir} is in use by another Kabinet process (pid ${owner}); stop it or use another directory`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new ConfigError(`KABINET_DATA_DIR=${dir}: could not take the lock file ${file}`);
}
