import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';

/** Segments, targeted promotions, personal offers and recommendations (docs/offers.md). */
export function offersRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
