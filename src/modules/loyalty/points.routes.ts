import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';

/** Bonus points: the person's balance and history, staff adjustments, rules and reports (docs/loyalty.md). */
export function pointsRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
