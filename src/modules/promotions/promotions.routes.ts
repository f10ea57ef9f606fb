import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';

/** Promo codes and coupons: checking, the checkout preview, the back office (docs/promotions.md). */
export function promotionsRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
