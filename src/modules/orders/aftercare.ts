import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';
import { adminOrderRoutes } from './admin.routes.js';
import { claimsRoutes } from './claims.routes.js';
import { returnsRoutes } from './returns.routes.js';
import { trackingRoutes } from './tracking.routes.js';

/**
 * Everything after placement: back-office handling (list, status, edit, shipments, tracking, refunds),
 * customer tracking, returns and claims. The orders module's index.ts calls this from its `routes`.
 */
export async function orderAftercareRoutes(app: FastifyInstance, ctx: ModuleContext): Promise<void> {
  adminOrderRoutes(app, ctx);
  trackingRoutes(app, ctx);
  await returnsRoutes(app, ctx);
  await claimsRoutes(app, ctx);
}
