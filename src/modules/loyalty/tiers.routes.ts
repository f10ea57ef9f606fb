import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { cardOf, lookupCard } from './card.service.js';
import { recalculateTiers } from './tiers.recalculate.js';
import {
  adminTierList,
  adminTierSchema,
  cardSchema,
  recalculationSchema,
  tierCreateBody,
  tierParams,
  tierSettingsBody,
  tierUpdateBody,
  tillParams,
  tillSchema,
} from './tiers.schema.js';
import {
  createTier,
  deleteTier,
  getTierSettings,
  listTiers,
  saveTierSettings,
  tierHolders,
  updateTier,
} from './tiers.service.js';

const tags = ['loyalty'];
const manage = { access: { permission: 'loyalty.manage' as const } };
const till = { access: { permission: 'loyalty.till' as const } };
const base = '/admin/loyalty/tiers';

/** Tiers, the loyalty card and the till lookup (docs/loyalty-card.md). */
export function tiersRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/me/loyalty/card',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags,
        summary:
          'My loyalty card: number, tier, QR code and EAN-13 barcode (opens the account on first view)',
        response: { 200: cardSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'person') throw new AppError('NOT_FOUND', 'The operator has no loyalty card');
      return cardOf(db, actor.id);
    },
  );

  api.get(
    '/admin/loyalty/cards/:number',
    {
      config: till,
      schema: {
        tags,
        summary:
          'Till lookup by a scanned or typed card number (400 with the reason when malformed, 404 unknown)',
        params: tillParams,
        response: { 200: tillSchema },
      },
    },
    async (request) => {
      try {
        const found = await lookupCard(db, request.params.number);
        await recordAudit(db, request, {
          action: 'loyalty.card_lookup',
          subject: found.personId,
          details: { card: found.number },
        });
        return found;
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND')
          await recordAudit(db, request, {
            action: 'loyalty.card_lookup',
            subject: null,
            details: { card: request.params.number, found: false },
          });
        throw error;
      }
    },
  );

  const adminList = async () => {
    const [tiers, holders, settings] = await Promise.all([
      listTiers(db),
      tierHolders(db),
      getTierSettings(db),
    ]);
    return {
      items: tiers.map((t) => ({ ...t, holders: holders.get(t.code) ?? 0 })),
      periodDays: settings.periodDays,
    };
  };

  api.get(
    base,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Tiers with their holders, and the rolling period',
        response: { 200: adminTierList },
      },
    },
    adminList,
  );
  api.post(
    base,
    {
      config: manage,
      schema: { tags, summary: 'Add a tier', body: tierCreateBody, response: { 201: adminTierSchema } },
    },
    async (request, reply) => {
      const tier = await db.transaction(async (tx) => {
        const created = await createTier(tx, request.body);
        await recordAudit(tx, request, {
          action: 'loyalty.tier_created',
          subject: created.code,
          details: request.body,
        });
        return created;
      });
      return reply.code(201).send({ ...tier, holders: 0 });
    },
  );
  api.put(
    `${base}/settings`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change the rolling period',
        body: tierSettingsBody,
        response: { 200: tierSettingsBody },
      },
    },
    async (request) => {
      await db.transaction(async (tx) => {
        await saveTierSettings(tx, request.body);
        await recordAudit(tx, request, { action: 'loyalty.tier_settings_changed', details: request.body });
      });
      return getTierSettings(db);
    },
  );
  api.post(
    `${base}/recalculate`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Recalculate everyone’s tier now (notifies each change)',
        response: { 200: recalculationSchema },
      },
    },
    async (request) => {
      const result = await recalculateTiers(db, new Date(), config.publicUrl);
      await recordAudit(db, request, { action: 'loyalty.tiers_recalculated', details: { ...result } });
      return result;
    },
  );
  api.put(
    `${base}/:code`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a tier',
        params: tierParams,
        body: tierUpdateBody,
        response: { 200: adminTierSchema },
      },
    },
    async (request) => {
      const tier = await db.transaction(async (tx) => {
        const updated = await updateTier(tx, request.params.code, request.body);
        await recordAudit(tx, request, {
          action: 'loyalty.tier_updated',
          subject: updated.code,
          details: request.body,
        });
        return updated;
      });
      return { ...tier, holders: (await tierHolders(db)).get(tier.code) ?? 0 };
    },
  );
  api.delete(
    `${base}/:code`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Delete a tier (its holders move at the next recalculation)',
        params: tierParams,
      },
    },
    async (request, reply) => {
      await db.transaction(async (tx) => {
        await deleteTier(tx, request.params.code);
        await recordAudit(tx, request, { action: 'loyalty.tier_deleted', subject: request.params.code });
      });
      return reply.code(204).send();
    },
  );
}
