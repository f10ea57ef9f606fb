import { createWriteStream } from 'node:fs';
import { appendFile, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/** The folder holding one exchange session's uploads: `<data dir>/exchange1c/<session id>`. */
export function sessionDir(dataDir: string, sessionId: string): string {
  return resolve(dataDir, 'exchange1c', sessionId);
}

/**
 * The relative path to store an uploaded name under, or null when it must be refused. 1C sends Windows or
 * temporary paths (`C:\v8_8789_c.xml`), so a name keeps only its base name — except images, which keep
 * their `import_files/…` path, as the catalog refers to them by it. `..` anywhere is refused outright.
 */
export function safeUploadName(raw: string | undefined): string | null {
  if (!raw || raw.length > 1000 || [...raw].some((c) => c.charCodeAt(0) < 0x20)) return null;
  const normal = raw.replace(/\\/g, '/');
  if (normal.split('/').some((part) => part === '..')) return null;
  const at = normal.search(/(^|\/)import_files\//);
  const relative = at >= 0 ? normal.slice(normal.indexOf('import_files/', at)) : posix.basename(normal);
  const parts = relative.split('/').filter((p) => p && p !== '.');
  if (parts.length === 0) return null;
  return parts.join('/');
}

/** The absolute path of a safe name inside the session folder (throws if it would escape it). */
export function pathIn(dir: string, name: string): string {
  const path = resolve(dir, name);
  if (!path.startsWith(dir + sep)) throw new Error('path escapes the exchange folder');
  return path;
}

/** Empties a session's folder (mode=init). */
export async function clearDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}

/** Appends one uploaded chunk: 1C splits a file larger than file_limit into POSTs of the same name. */
export async function appendChunk(dir: string, name: string, chunk: Buffer): Promise<number> {
  const path = pathIn(dir, name);
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, chunk);
  return (await stat(path)).size;
}

/** Whether a file starts like a ZIP archive. */
async function isZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

/** The ZIP archives waiting in the session folder (by content, whatever their names), to unpack at import time. */
export async function pendingZips(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const zips: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if ((await stat(path)).isFile() && (await isZip(path))) zips.push(path);
  }
  return zips;
}

/** Unpacks an archive into the session folder (entry names sanitised like uploads), then deletes it. */
export async function unzipInto(zipPath: string, dir: string): Promise<number> {
  const zip = await new Promise<yauzl.ZipFile>((done, fail) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true, decodeStrings: true }, (error, file) =>
      error ? fail(error) : done(file),
    ),
  );
  let count = 0;
  await new Promise<void>((done, fail) => {
    zip.on('error', fail);
    zip.on('end', () => done());
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = safeUploadName(entry.fileName);
      if (!name || entry.fileName.endsWith('/')) return zip.readEntry();
      const target = pathIn(dir, name);
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        mkdir(dirname(target), { recursive: true })
          .then(() => pipeline(stream, createWriteStream(target)))
          .then(() => {
            count++;
            zip.readEntry();
          }, fail);
      });
    });
    zip.readEntry();
  });
  await rm(zipPath, { force: true });
  return count;
}
