import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, actorOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import { touchSession } from '../identity/sessions.service.js';
import {
  avatarMaxBytes,
  cancelDeletion,
  cancelEmailChange,
  confirmEmailChange,
  deletionOf,
  endOneSession,
  endOtherSessions,
  listDataExports,
  listSessions,
  openDataExport,
  type ProfileDeps,
  profileOf,
  readAvatar,
  removeAvatar,
  requestDataExport,
  requestDeletion,
  requestEmailChange,
  saveAvatar,
  updateProfile,
} from './profile.service.js';

const profileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    phone: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    locale: z.enum(['ru', 'en']),
    timeZone: z.string(),
    createdAt: z.string(),
    pendingEmail: z.object({ email: z.string(), expiresAt: z.string() }).nullable(),
  })
  .meta({ id: 'Profile' });

const sessionSchema = z
  .object({
    id: z.string(),
    current: z.boolean(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    device: z.string(),
    ipAddress: z.string().nullable(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Session' });

const dataExportSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'ready', 'failed']),
    progress: z.number().int(),
    size: z.number().int().nullable(),
    createdAt: z.string(),
    readyAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'DataExport' });

const deletionSchema = z
  .object({ requestedAt: z.string(), eraseAfter: z.string() })
  .nullable()
  .meta({ id: 'AccountDeletion' });

const signedIn = { access: { signedIn: true as const } };
/** Never for support signed in as the person (see `personOnly` in access.ts). */
const personOnly = { ...signedIn, personOnly: true };

/** The signed-in person (the back-office operator has no profile). */
function personOf(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person has a profile');
  return actor;
}

/** Remembers when this process last wrote `last_seen_at` for a session, to skip the query in between. */
function lastSeenTracker(ctx: ModuleContext) {
  const written = new Map<string, number>();
  return async (request: FastifyRequest) => {
    const sessionId = request.actor?.sessionId;
    if (!sessionId) return;
    const now = Date.now();
    if (now - (written.get(sessionId) ?? 0) < 60_000) return;
    if (written.size > 10_000) written.clear();
    written.set(sessionId, now);
    try {
      await touchSession(ctx.db, sessionId);
    } catch (error) {
      request.log.warn({ err: error }, 'could not record session use');
    }
  };
}

export async function profileRoutes(api: FastifyInstance, ctx: ModuleContext): Promise<void> {
  const deps: ProfileDeps = {
    db: ctx.db,
    config: ctx.config,
    storage: storageFor(ctx.config),
    poke: () => ctx.jobs.poke(),
  };
  // Every API request of a signed-in person refreshes "last seen" of their session (throttled).
  api.addHook('onResponse', lastSeenTracker(ctx));

  const app = api.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/me/profile',
    {
      config: signedIn,
      schema: { tags: ['profile'], summary: 'My profile', response: { 200: profileSchema } },
    },
    async (request) => profileOf(ctx.db, personOf(request).id),
  );

  app.patch(
    '/me/profile',
    {
      config: signedIn,
      schema: {
        tags: ['profile'],
        summary: 'Change my name, language or time zone',
        body: z
          .object({
            name: z.string().trim().min(1).max(100).optional(),
            locale: z.enum(['ru', 'en']).optional(),
            timeZone: z.string().min(1).max(64).optional(),
          })
          .strict(),
        response: { 200: profileSchema },
      },
    },
    async (request) => updateProfile(ctx.db, request, personOf(request).id, request.body),
  );

  await api.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: avatarMaxBytes, files: 1, fields: 5, parts: 6 },
      throwFileSizeLimit: true,
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/me/avatar',
      {
        config: signedIn,
        schema: {
          tags: ['profile'],
          summary: 'Upload my picture (multipart field "file"; JPEG, PNG, WebP, GIF or AVIF up to 5 MB)',
          consumes: ['multipart/form-data'],
          response: { 200: z.object({ avatarUrl: z.string() }) },
        },
      },
      async (request) => {
        const actor = personOf(request);
        if (!request.isMultipart()) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the picture as multipart/form-data');
        }
        let buffer: Buffer;
        try {
          const file = await request.file();
          if (!file)
            throw new AppError('VALIDATION_FAILED', 'No file', [{ path: 'file', message: 'Choose a file' }]);
          buffer = await file.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError(
              'PAYLOAD_TOO_LARGE',
              `The picture must be at most ${avatarMaxBytes / 1024 / 1024} MB`,
            );
          }
          throw error;
        }
        return saveAvatar(deps, request, actor.id, buffer);
      },
    );
  });

  app.delete(
    '/me/avatar',
    { config: signedIn, schema: { tags: ['profile'], summary: 'Remove my picture' } },
    async (request, reply) => {
      await removeAvatar(deps, request, personOf(request).id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/avatars/:userId',
    {
      config: signedIn,
      schema: {
        tags: ['profile'],
        summary: 'A person’s picture (WebP)',
        params: z.object({ userId: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      const file = await readAvatar(deps, request.params.userId);
      if (!file) throw new AppError('NOT_FOUND', 'No picture');
      // The URL changes with every upload (?v=…), so the picture may be cached for long.
      return reply
        .type('image/webp')
        .header('content-length', file.size)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .send(file.stream);
    },
  );

  app.post(
    '/me/email-change',
    {
      config: personOnly,
      schema: {
        tags: ['profile'],
        summary: 'Change my e-mail: a confirmation link goes to the new address',
        body: z.object({ email: z.email().max(254) }),
      },
    },
    async (request, reply) => {
      await requestEmailChange(deps, request, personOf(request).id, request.body.email);
      return reply.code(202).send();
    },
  );

  app.delete(
    '/me/email-change',
    { config: personOnly, schema: { tags: ['profile'], summary: 'Cancel a pending e-mail change' } },
    async (request, reply) => {
      await cancelEmailChange(ctx.db, personOf(request).id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/me/email-change/confirm',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['profile'],
        summary: 'Confirm a new e-mail address with the token from the mail',
        body: z.object({ token: z.string().min(10).max(200) }),
        response: { 200: z.object({ email: z.string() }) },
      },
    },
    async (request) => confirmEmailChange(deps, request, request.body.token),
  );

  app.get(
    '/me/sessions',
    {
      config: signedIn,
      schema: {
        tags: ['profile'],
        summary: 'Where I am signed in; the session of this request is marked current',
        response: { 200: z.object({ items: z.array(sessionSchema) }) },
      },
    },
    async (request) => ({ items: await listSessions(ctx.db, personOf(request)) }),
  );

  app.delete(
    '/me/sessions/:id',
    {
      config: personOnly,
      schema: {
        tags: ['profile'],
        summary: 'End one of my sessions',
        params: z.object({ id: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      await endOneSession(ctx.db, request, personOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/me/sessions/end-others',
    {
      config: personOnly,
      schema: {
        tags: ['profile'],
        summary: 'End every session except this one',
        response: { 200: z.object({ ended: z.number().int() }) },
      },
    },
    async (request) => endOtherSessions(ctx.db, request, personOf(request)),
  );

  app.post(
    '/me/data-export',
    {
      config: personOnly,
      schema: {
        tags: ['profile'],
        summary: 'Start building a ZIP of all my personal data',
        response: { 202: dataExportSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await requestDataExport(deps, request, personOf(request).id)),
  );

  app.get(
    '/me/data-exports',
    {
      config: signedIn,
      schema: {
        tags: ['profile'],
        summary: 'My data exports that have not expired',
        response: { 200: z.object({ items: z.array(dataExportSchema) }) },
      },
    },
    async (request) => ({ items: await listDataExports(ctx.db, personOf(request).id) }),
  );

  app.get(
    '/me/data-exports/:id/download',
    {
      config: personOnly,
      schema: {
        tags: ['profile'],
        summary: 'Download a ready export (ZIP)',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (request, reply) => {
      const file = await openDataExport(deps, request, personOf(request).id, request.params.id);
      return reply
        .type('application/zip')
        .header('content-length', file.size)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  );

  app.get(
    '/me/deletion',
    {
      config: signedIn,
      schema: {
        tags: ['profile'],
        summary: 'My pending account deletion, if any',
        response: { 200: z.object({ deletion: deletionSchema, graceDays: z.number().int() }) },
      },
    },
    async (request) => ({
      deletion: await deletionOf(ctx.db, personOf(request).id),
      graceDays: ctx.config.accountDeletionGraceDays,
    }),
  );

  app.post(
    '/me/deletion',
    {
      config: personOnly,
      schema: {
        tags: ['profile'],
        summary: 'Delete my account after the grace period; signs me out everywhere',
        body: z.object({ password: z.string().min(1).max(128).optional() }),
        response: { 202: z.object({ requestedAt: z.string(), eraseAfter: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await requestDeletion(deps, request, personOf(request), request.body.password)),
  );

  app.delete(
    '/me/deletion',
    { config: signedIn, schema: { tags: ['profile'], summary: 'Cancel my pending account deletion' } },
    async (request, reply) => {
      await cancelDeletion(ctx.db, request, personOf(request).id);
      return reply.code(204).send();
    },
  );
}
