import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where Kabinet keeps files (avatars, exports, documents). Keys are relative paths such as
 * `avatars/<id>.webp`; the default implementation keeps them on local disk under the data directory,
 * an S3-compatible one can implement the same interface.
 */
export interface FileStorage {
  put(key: string, data: Buffer | Uint8Array): Promise<void>;
  /** A stream of the file, or null when it does not exist. */
  read(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Removes the file; a missing file is not an error. */
  delete(key: string): Promise<void>;
}

const keyPattern = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i;

/** Files on local disk under `root` (by default `<KABINET_DATA_DIR>/files`). */
export function localFileStorage(root: string): FileStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    // Keys come from our own code, but never let one escape the storage root.
    if (!keyPattern.test(key) || key.includes('..')) throw new Error(`invalid storage key ${key}`);
    const path = resolve(join(base, key));
    if (!path.startsWith(base + sep)) throw new Error(`invalid storage key ${key}`);
    return path;
  };
  return {
    async put(key, data) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, data);
      await rename(temporary, path);
    },
    async read(key) {
      const path = pathOf(key);
      try {
        const info = await stat(path);
        return { stream: createReadStream(path), size: info.size };
      } catch {
        return null;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** The file storage of a configuration. */
export function storageFor(config: { dataDir: string }): FileStorage {
  return localFileStorage(join(config.dataDir, 'files'));
}
