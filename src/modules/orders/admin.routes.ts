import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  adminOrderDetail,
  editOrder,
  listAdminOrders,
  refundOrder,
  setOrderStatus,
} from './admin.service.js';
import {
  adminOrdersQuery,
  editBody,
  idParams,
  refundBody,
  shipmentBody,
  statusBody,
  trackingEventBody,
  trackingFeedBody,
} from './aftercare.schema.js';
import { staffActor } from './aftercare.scope.js';
import { addTrackingEvent, createShipment, importTrackingFeed } from './shipments.service.js';

const config = { access: { permission: 'orders.manage' as const } };
const tags = ['orders admin'];

/** Back-office order handling (`/api/v1/admin/orders/…`, permission `orders.manage`). */
export function adminOrderRoutes(
  app: FastifyInstance,
  { db, config: appConfig, secrets }: ModuleContext,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const payments = { config: appConfig, secrets };

  api.get(
    '/admin/orders',
    {
      config,
      schema: {
        tags,
        summary: 'All orders with filters; mine=1 puts my companies first',
        querystring: adminOrdersQuery,
      },
    },
    async (request) => {
      const { mine, ...filters } = request.query;
      return listAdminOrders(db, actorOf(request).id, { ...filters, mine: mine === '1' });
    },
  );

  api.get(
    '/admin/orders/:id',
    { config, schema: { tags, summary: 'An order with its company and customer e-mail', params: idParams } },
    async (request) => adminOrderDetail(db, request.params.id),
  );

  api.post(
    '/admin/orders/:id/status',
    {
      config,
      schema: { tags, summary: 'Move an order along the lifecycle', params: idParams, body: statusBody },
    },
    async (request) => {
      const { id } = request.params;
      await db.transaction(async (tx) => {
        const from = await setOrderStatus(
          tx,
          id,
          request.body.status,
          staffActor(actorOf(request)),
          request.body.note ?? null,
        );
        await recordAudit(tx, request, {
          action: 'orders.status',
          subject: id,
          details: { from, to: request.body.status },
        });
      });
      return adminOrderDetail(db, id);
    },
  );

  api.patch(
    '/admin/orders/:id',
    {
      config,
      schema: { tags, summary: 'Edit an order before confirmation', params: idParams, body: editBody },
    },
    async (request) => {
      const { id } = request.params;
      await db.transaction(async (tx) => {
        const { changes } = await editOrder(tx, id, request.body, staffActor(actorOf(request)));
        await recordAudit(tx, request, { action: 'orders.edit', subject: id, details: { changes } });
      });
      return adminOrderDetail(db, id);
    },
  );

  api.post(
    '/admin/orders/:id/shipments',
    {
      config,
      schema: { tags, summary: 'Ship some of the order’s lines', params: idParams, body: shipmentBody },
    },
    async (request, reply) => {
      const shipmentId = await db.transaction(async (tx) => {
        const created = await createShipment(
          tx,
          request.params.id,
          request.body,
          staffActor(actorOf(request)),
        );
        await recordAudit(tx, request, {
          action: 'orders.shipment',
          subject: request.params.id,
          details: { shipmentId: created },
        });
        return created;
      });
      const detail = await adminOrderDetail(db, request.params.id);
      return reply.code(201).send(detail.shipments.find((s) => s.id === shipmentId));
    },
  );

  api.post(
    '/admin/shipments/:id/events',
    {
      config,
      schema: {
        tags,
        summary: 'Record a tracking event of a shipment',
        params: idParams,
        body: trackingEventBody,
      },
    },
    async (request, reply) => {
      const { at, ...event } = request.body;
      const { orderId } = await db.transaction((tx) =>
        addTrackingEvent(
          tx,
          request.params.id,
          { ...event, ...(at ? { at: new Date(at) } : {}) },
          'manager',
          staffActor(actorOf(request)),
        ),
      );
      const detail = await adminOrderDetail(db, orderId);
      return reply.code(201).send(detail.shipments.find((s) => s.id === request.params.id));
    },
  );

  api.post(
    '/admin/shipments/tracking-feed',
    {
      config,
      schema: { tags, summary: 'Import a carrier’s tracking feed (idempotent)', body: trackingFeedBody },
    },
    async (request) =>
      importTrackingFeed(
        db,
        request.body.map((i) => ({ ...i, at: new Date(i.at) })),
      ),
  );

  api.post(
    '/admin/orders/:id/refunds',
    { config, schema: { tags, summary: 'Refund money of a card order', params: idParams, body: refundBody } },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const refund = await refundOrder(
        db,
        payments,
        request.params.id,
        {
          ...request.body,
          idempotencyKey: typeof key === 'string' && key ? `order-refund-${key.slice(0, 100)}` : undefined,
        },
        staffActor(actorOf(request)),
      );
      await recordAudit(db, request, {
        action: 'orders.refund',
        subject: request.params.id,
        details: { amount: refund.amount, reason: request.body.reason, refundId: refund.id },
      });
      return reply.code(201).send(refund);
    },
  );
}
