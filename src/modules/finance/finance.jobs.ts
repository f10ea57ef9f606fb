import { z } from 'zod';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordOrderPayment, recordShipment } from './finance.service.js';

export const orderPaymentJob = 'finance.orderPayment';
export const shipmentJob = 'finance.shipment';

const outboxPayload = z.object({
  eventId: z.string(),
  topic: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/** Reactions to the orders module: payments an order received and shipments, onto the company's account. */
export function financeJobs(_ctx: ModuleContext) {
  return [
    defineJob({
      name: orderPaymentJob,
      payload: outboxPayload,
      handler: async ({ payload, db }) => {
        const p = payload.payload;
        await recordOrderPayment(db, payload.eventId, {
          orderId: String(p.orderId ?? ''),
          number: String(p.number ?? ''),
          companyId: typeof p.companyId === 'string' ? p.companyId : null,
          amount: Number(p.amount ?? 0),
          data: (p.data as Record<string, unknown> | null | undefined) ?? null,
        });
      },
    }),
    defineJob({
      name: shipmentJob,
      payload: outboxPayload,
      handler: async ({ payload, db }) => {
        if (typeof payload.payload.companyId !== 'string') return;
        await recordShipment(db, String(payload.payload.shipmentId ?? ''));
      },
    }),
  ];
}

export function wireFinance(ctx: ModuleContext): void {
  ctx.jobs.subscribe('orders.payment_received', orderPaymentJob);
  ctx.jobs.subscribe('orders.shipment_created', shipmentJob);
}
