import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';

/** Tiers, the loyalty card and the till lookup (docs/loyalty.md). */
export function tiersRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
