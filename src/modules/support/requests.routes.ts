import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';

export function requestRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
