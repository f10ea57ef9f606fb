import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { externalProviderList } from './external/config.js';
import {
  getSignInMethods,
  type SignInMethods,
  saveSignInMethods,
  signInMethodNames,
  signInMethodsSchema,
} from './sign-in-methods.js';

const signInOptionsSchema = z
  .object({
    methods: signInMethodsSchema,
    /** External providers configured on this server (shown while the `external` method is on). */
    providers: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'SignInOptions', description: 'What the sign-in page offers' });

/** Public: which sign-in methods are on. Admin: read and switch them. */
export function signInMethodsRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/public/sign-in-options',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['identity'],
        summary: 'The sign-in methods this portal offers',
        response: { 200: signInOptionsSchema },
      },
    },
    async () => {
      const methods = await getSignInMethods(db);
      return { methods, providers: methods.external ? externalProviderList(config.externalProviders) : [] };
    },
  );

  api.get(
    '/admin/settings/sign-in-methods',
    {
      config: { access: { permission: 'settings.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Which sign-in methods are on',
        response: { 200: signInMethodsSchema },
      },
    },
    async () => getSignInMethods(db),
  );

  api.put(
    '/admin/settings/sign-in-methods',
    {
      config: { access: { permission: 'settings.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Switches sign-in methods on and off (at least one stays on)',
        body: signInMethodsSchema,
        response: { 200: signInMethodsSchema },
      },
    },
    async (request) => {
      const methods: SignInMethods = request.body;
      if (!signInMethodNames.some((name) => methods[name])) {
        throw new AppError('VALIDATION_FAILED', 'At least one sign-in method must stay on', [
          { path: 'body', message: 'Switch at least one method on' },
        ]);
      }
      const before = await getSignInMethods(db);
      await db.transaction(async (tx) => {
        await saveSignInMethods(tx, methods);
        await recordAudit(tx, request, {
          action: 'settings.sign_in_methods',
          details: { before, after: methods },
        });
      });
      return methods;
    },
  );
}
