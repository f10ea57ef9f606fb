import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import type { FileStorage } from '../../server/core/storage.js';
import { productImages } from '../catalog/catalog.tables.js';
import { writeImageFiles } from '../catalog/media/media.service.js';

/** Files under a folder, as paths relative to it with forward slashes (the form `<Картинка>` uses). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/**
 * Stores the image files 1C sent in this exchange (`import_files/…`) for the image rows the catalog writer
 * linked by path and left without files: original, medium and thumbnail, like an upload in the back office.
 * A file that is not a readable image is skipped and its row stays pending (the product shows no picture).
 */
export async function storeExchangedImages(db: Db, storage: FileStorage, dir: string): Promise<number> {
  const sent = (await filesUnder(join(dir, 'import_files'))).map((path) => `import_files/${path}`);
  if (sent.length === 0) return 0;
  let stored = 0;
  for (let i = 0; i < sent.length; i += 500) {
    const pending = await db
      .select({ id: productImages.id, sourcePath: productImages.sourcePath })
      .from(productImages)
      .where(
        and(eq(productImages.storageKey, ''), inArray(productImages.sourcePath, sent.slice(i, i + 500))),
      );
    for (const image of pending) {
      const data = await readFile(join(dir, image.sourcePath as string));
      const files = await writeImageFiles(storage, image.id, data).catch(() => null);
      if (!files) continue;
      await db.update(productImages).set(files).where(eq(productImages.id, image.id));
      stored += 1;
    }
  }
  return stored;
}
