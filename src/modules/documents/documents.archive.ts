import type { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgOf } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { type FileStorage, storageFor } from '../../server/core/storage.js';
import { businessDay } from '../../shared/business-day.js';
import { documents } from './documents.tables.js';

export const archiveRequestSchema = z
  .object({ ids: z.array(z.uuid()).min(1).max(200) })
  .strict()
  .meta({ id: 'DocumentArchiveRequest' });

/**
 * Names inside one ZIP are unique: a repeated name gets « (2)», « (3)»… before its extension. Slashes and
 * control characters become `_` so a name never makes a folder.
 */
export function uniqueFileNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
    const name = raw.replace(/[/\\\u0000-\u001f]/g, '_').trim() || 'document.pdf';
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * The company's documents `ids` as one ZIP stream (docs/documents.md). Every id must be a document of the
 * company with its file, else NOT_FOUND naming none of them, before a byte is sent.
 */
export async function documentsArchive(db: Db, storage: FileStorage, companyId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const rows = await db
    .select()
    .from(documents)
    .where(and(eq(documents.companyId, companyId), inArray(documents.id, unique)));
  if (rows.length !== unique.length) throw new AppError('NOT_FOUND', 'Document not found');
  // The order asked for, so the ZIP lists the files as the person picked them.
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = unique.map((id) => byId.get(id) as (typeof rows)[number]);
  const files: { stream: Readable; size: number }[] = [];
  for (const row of ordered) {
    const file = await storage.read(row.storageKey);
    if (!file) {
      for (const f of files) f.stream.destroy();
      throw new AppError('NOT_FOUND', 'A document file is missing');
    }
    files.push(file);
  }
  const names = uniqueFileNames(ordered.map((r) => r.fileName));
  const { ZipArchive } = await import('archiver');
  // PDFs are compressed already; storing them keeps the ZIP fast to build.
  const archive = new ZipArchive({ store: true });
  files.forEach((file, i) => {
    archive.append(file.stream, { name: names[i] as string, date: ordered[i]?.createdAt ?? new Date() });
  });
  // A failure while streaming ends the response stream; it must not become an unhandled rejection.
  archive.finalize().catch((error: unknown) => archive.destroy(error as Error));
  return { stream: archive as unknown as Readable, fileName: `documents-${businessDay()}.zip` };
}

/** `POST /orgs/:orgId/documents/archive`: several documents of the company in one ZIP. */
export function documentArchiveRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const storage = storageFor(config);
  api.post(
    '/orgs/:orgId/documents/archive',
    {
      config: { access: { org: 'documents.read' } },
      schema: {
        tags: ['documents'],
        summary: 'Several documents of the company (1–200 ids) as one ZIP, streamed',
        params: z.object({ orgId: z.string().max(64) }),
        body: archiveRequestSchema,
      },
    },
    async (request, reply) => {
      const zip = await documentsArchive(db, storage, orgOf(request).orgId, request.body.ids);
      return reply
        .type('application/zip')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${zip.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(zip.stream);
    },
  );
}
