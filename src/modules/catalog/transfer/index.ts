import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../../server/core/module.js';
import { storageFor } from '../../../server/core/storage.js';
import { transferJobs } from './transfer.jobs.js';
import { transferRoutes } from './transfer.routes.js';
import type { TransferDeps } from './transfer.service.js';

const depsOf = (ctx: ModuleContext): TransferDeps => ({
  db: ctx.db,
  storage: storageFor(ctx.config),
  poke: () => ctx.jobs.poke(),
});

/**
 * Catalog import and export (XLSX/CSV of products, prices and stock as background jobs). The catalog module
 * registers these with one line each; see docs/catalog-import.md.
 */
export const catalogTransfer = {
  routes: (app: FastifyInstance, ctx: ModuleContext) => transferRoutes(app, depsOf(ctx)),
  jobs: (ctx: ModuleContext) => transferJobs(depsOf(ctx)),
};
