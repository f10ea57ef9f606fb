import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleContext } from '../../server/core/module.js';
import { version } from '../../server/core/version.js';
import { publicSettingsSchema } from './settings.schema.js';
import { getBranding } from './settings.service.js';

export function settingsRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/public/settings',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['settings'],
        summary: 'Branding and languages for the web app',
        response: { 200: publicSettingsSchema },
      },
    },
    async () => ({
      ...(await getBranding(db)),
      languages: ['ru' as const, 'en' as const],
      demo: config.demo,
      version,
    }),
  );
}
