import { z } from 'zod';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import { retryFailedUpds, updForShipmentJob } from './upd.generate.js';

export const shipmentUpdJob = 'documents.shipmentUpd';
export const retryFailedJob = 'documents.retryFailed';

const outboxPayload = z.object({
  eventId: z.string(),
  topic: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/**
 * The УПД of every company order's shipment (on `orders.shipment_created`), and the hourly retry of those that
 * could not be generated for missing requisites (docs/documents.md, "УПД of a shipment").
 */
export function documentsJobs(ctx: ModuleContext) {
  const storage = storageFor(ctx.config);
  return [
    defineJob({
      name: shipmentUpdJob,
      payload: outboxPayload,
      handler: async ({ payload, db, log }) => {
        const shipmentId = String(payload.payload.shipmentId ?? '');
        if (shipmentId) await updForShipmentJob(db, storage, shipmentId, log);
      },
    }),
    defineJob({
      name: retryFailedJob,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      handler: async ({ db, log }) => {
        await retryFailedUpds(db, storage, log);
      },
    }),
  ];
}

export function wireDocuments(ctx: ModuleContext): void {
  ctx.jobs.subscribe('orders.shipment_created', shipmentUpdJob);
  ctx.jobs.schedule(retryFailedJob, '17 * * * *');
}
