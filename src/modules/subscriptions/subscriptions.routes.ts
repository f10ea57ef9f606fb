import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';

/** Subscriptions to regular deliveries and service plans, and reorder reminders (docs/subscriptions.md). */
export function subscriptionsRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
