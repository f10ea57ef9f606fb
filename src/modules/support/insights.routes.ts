import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';

export function insightsRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
