import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../server/core/access.js';
import type { ModuleContext } from '../../../server/core/module.js';
import {
  deletePasskey,
  listExternalAccounts,
  listPasskeys,
  renamePasskey,
  unlinkExternalAccount,
} from './external.service.js';

const externalAccountSchema = z
  .object({
    id: z.string(),
    /** Provider id: yandex, vk, google or oidc. */
    provider: z.string(),
    linkedAt: z.string(),
  })
  .meta({ id: 'ExternalAccount' });

const passkeySchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    /** `singleDevice` or `multiDevice` (synced by a password manager). */
    deviceType: z.string(),
    backedUp: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'Passkey' });

const idParams = z.object({ id: z.string().min(1).max(100) });

/**
 * The person's external accounts and passkeys. Linking and registering go through Better Auth
 * (/auth/link-social, /auth/passkey/*); listing, renaming and removing are here, where removing the last
 * way to sign in is refused with 409 LAST_SIGN_IN_METHOD.
 */
export function externalRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/me/external-accounts',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['identity'],
        summary: 'External accounts (Yandex ID, VK ID, Google, OIDC) linked to me',
        response: { 200: z.object({ items: z.array(externalAccountSchema) }) },
      },
    },
    async (request) => ({ items: await listExternalAccounts(db, actorOf(request).id) }),
  );

  api.delete(
    '/me/external-accounts/:id',
    {
      config: { access: { signedIn: true }, personOnly: true },
      schema: {
        tags: ['identity'],
        summary: 'Unlinks an external account (not the last way to sign in)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await unlinkExternalAccount(db, request, actorOf(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/me/passkeys',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['identity'],
        summary: 'My passkeys',
        response: { 200: z.object({ items: z.array(passkeySchema) }) },
      },
    },
    async (request) => ({ items: await listPasskeys(db, actorOf(request).id) }),
  );

  api.patch(
    '/me/passkeys/:id',
    {
      config: { access: { signedIn: true }, personOnly: true },
      schema: {
        tags: ['identity'],
        summary: 'Renames a passkey',
        params: idParams,
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: { 200: passkeySchema },
      },
    },
    async (request) => renamePasskey(db, request, actorOf(request).id, request.params.id, request.body.name),
  );

  api.delete(
    '/me/passkeys/:id',
    {
      config: { access: { signedIn: true }, personOnly: true },
      schema: {
        tags: ['identity'],
        summary: 'Deletes a passkey (not the last way to sign in)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deletePasskey(db, request, actorOf(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
