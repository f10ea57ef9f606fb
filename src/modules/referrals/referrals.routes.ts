import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';

/** The referral programme: a person's link and code, the rewards (docs/referrals.md). */
export function referralsRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
