import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Access, actorOf, orgOf } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { getPerson } from '../people/people.service.js';
import {
  attachmentDisposition,
  type DocumentLanguage,
  documentLanguages,
  documentTypes,
  loadOrderDocument,
  orderPdf,
  orderXlsx,
} from './export.js';
import { orderInScope } from './orders.service.js';

const tags = ['orders'];
const exportQuery = z.object({ lang: z.enum(documentLanguages).optional() });
const formats = ['pdf', 'xlsx'] as const;

interface ExportScope {
  name: string;
  prefix: string;
  access: Access;
  params: z.ZodObject;
  /** Throws NOT_FOUND unless the order is visible in this scope. */
  check: (db: Db, request: FastifyRequest, id: string) => Promise<unknown>;
}

/** The signed-in person (an operator has no orders of their own). */
function personId(request: FastifyRequest) {
  const actor = actorOf(request);
  if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person sees their orders');
  return actor.id;
}

const scopes: ExportScope[] = [
  {
    name: 'me',
    prefix: '/me',
    access: { signedIn: true },
    params: z.object({ id: z.uuid() }),
    check: (db, request, id) => orderInScope(db, { kind: 'me', personId: personId(request) }, id),
  },
  {
    name: 'org',
    prefix: '/orgs/:orgId',
    access: { org: 'orders.read' },
    params: z.object({ orgId: z.string().max(64), id: z.uuid() }),
    check: (db, request, id) => orderInScope(db, { kind: 'org', companyId: orgOf(request).orgId }, id),
  },
  {
    name: 'admin',
    prefix: '/admin',
    access: { permission: 'orders.manage' },
    params: z.object({ id: z.uuid() }),
    // Staff see every order; loadOrderDocument answers NOT_FOUND for a missing one.
    check: async () => undefined,
  },
];

/** The language asked for, else the signed-in person's, else Russian. */
async function languageOf(db: Db, request: FastifyRequest, asked: DocumentLanguage | undefined) {
  if (asked) return asked;
  const actor = actorOf(request);
  if (actor.kind !== 'person') return 'ru';
  const person = await getPerson(db, actor.id);
  return person?.locale === 'en' ? 'en' : 'ru';
}

/**
 * Order documents for download (docs/orders.md, "Order documents"): `GET …/orders/:id/export.pdf|xlsx` in the
 * personal, company and back-office scopes, with the same access as the order page of each scope.
 */
export function orderExportRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const s of scopes) {
    for (const format of formats) {
      api.get(
        `${s.prefix}/orders/:id/export.${format}`,
        {
          config: { access: s.access },
          schema: {
            tags: s.name === 'admin' ? ['orders admin'] : tags,
            summary: `The order as ${format === 'pdf' ? 'a PDF' : 'an Excel (XLSX)'} document (${s.name}); ?lang=ru|en`,
            params: s.params,
            querystring: exportQuery,
          },
        },
        async (request, reply: FastifyReply) => {
          const { id } = request.params as { id: string };
          await s.check(db, request, id);
          const { lang: asked } = request.query as z.infer<typeof exportQuery>;
          const lang = await languageOf(db, request, asked);
          const document = await loadOrderDocument(db, id);
          const body = format === 'pdf' ? await orderPdf(document, lang) : await orderXlsx(document, lang);
          return reply
            .header('content-type', documentTypes[format])
            .header('content-disposition', attachmentDisposition(document, lang, format))
            .header('x-content-type-options', 'nosniff')
            .header('cache-control', 'private, no-store')
            .send(body);
        },
      );
    }
  }
}
