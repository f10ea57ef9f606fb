import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  addressListSchema,
  addressParams,
  addressSchema,
  companyAddressBody,
  companyAddressPatch,
  orgAddressParams,
  orgParams,
  personalAddressBody,
  personalAddressPatch,
} from './addresses.schema.js';
import {
  type AddressOwner,
  addressBookLimit,
  createAddress,
  deleteAddress,
  listAddresses,
  makeDefault,
  updateAddress,
} from './addresses.service.js';

const tags = ['addresses'];

/** The signed-in person's own book (the back-office operator is not a person and has none). */
function personOwner(request: FastifyRequest): AddressOwner {
  const actor = actorOf(request);
  if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person has delivery addresses');
  return { kind: 'person', userId: actor.id };
}

const companyOwner = (request: FastifyRequest): AddressOwner => ({
  kind: 'company',
  companyId: orgOf(request).orgId,
});

/** My delivery addresses (`/me/addresses`). */
function personalRoutes(app: FastifyInstance, db: ModuleContext['db']): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const access = { signedIn: true } as const;
  const list = async (owner: AddressOwner) => ({
    items: await listAddresses(db, owner),
    limit: addressBookLimit,
  });

  api.get(
    '/me/addresses',
    {
      config: { access },
      schema: {
        tags,
        summary: 'My delivery addresses, the default first',
        response: { 200: addressListSchema },
      },
    },
    async (request) => list(personOwner(request)),
  );

  api.post(
    '/me/addresses',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Adds a delivery address (the first one becomes the default)',
        body: personalAddressBody,
        response: { 201: addressSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAddress(db, personOwner(request), request.body)),
  );

  api.patch(
    '/me/addresses/:addressId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Changes one of my delivery addresses',
        params: addressParams,
        body: personalAddressPatch,
        response: { 200: addressSchema },
      },
    },
    async (request) => updateAddress(db, personOwner(request), request.params.addressId, request.body),
  );

  api.put(
    '/me/addresses/:addressId/default',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Makes the address my default one',
        params: addressParams,
        response: { 200: addressListSchema },
      },
    },
    async (request) => {
      const owner = personOwner(request);
      await makeDefault(db, owner, request.params.addressId);
      return list(owner);
    },
  );

  api.delete(
    '/me/addresses/:addressId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Deletes one of my delivery addresses',
        params: addressParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteAddress(db, personOwner(request), request.params.addressId);
      return reply.code(204).send(null);
    },
  );
}

/** A company's delivery addresses and consignees (`/orgs/:orgId/addresses`). */
function companyRoutes(app: FastifyInstance, db: ModuleContext['db']): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const read = { org: 'addresses.read' } as const;
  const manage = { org: 'addresses.manage' } as const;
  const list = async (owner: AddressOwner) => ({
    items: await listAddresses(db, owner),
    limit: addressBookLimit,
  });
  const audit = (request: FastifyRequest, action: string, id: string) =>
    recordAudit(db, request, { action, subject: orgOf(request).orgId, details: { id } });

  api.get(
    '/orgs/:orgId/addresses',
    {
      config: { access: read },
      schema: {
        tags,
        summary: 'The company’s delivery addresses, the default first',
        params: orgParams,
        response: { 200: addressListSchema },
      },
    },
    async (request) => list(companyOwner(request)),
  );

  api.post(
    '/orgs/:orgId/addresses',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Adds a company delivery address, optionally with a consignee',
        params: orgParams,
        body: companyAddressBody,
        response: { 201: addressSchema },
      },
    },
    async (request, reply) => {
      const created = await createAddress(db, companyOwner(request), request.body);
      await audit(request, 'company.address_added', created.id);
      return reply.code(201).send(created);
    },
  );

  api.patch(
    '/orgs/:orgId/addresses/:addressId',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Changes a company delivery address or its consignee (null removes the consignee)',
        params: orgAddressParams,
        body: companyAddressPatch,
        response: { 200: addressSchema },
      },
    },
    async (request) => {
      const changed = await updateAddress(db, companyOwner(request), request.params.addressId, request.body);
      await audit(request, 'company.address_changed', changed.id);
      return changed;
    },
  );

  api.put(
    '/orgs/:orgId/addresses/:addressId/default',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Makes the address the company’s default one',
        params: orgAddressParams,
        response: { 200: addressListSchema },
      },
    },
    async (request) => {
      const owner = companyOwner(request);
      await makeDefault(db, owner, request.params.addressId);
      await audit(request, 'company.address_default', request.params.addressId);
      return list(owner);
    },
  );

  api.delete(
    '/orgs/:orgId/addresses/:addressId',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Deletes a company delivery address',
        params: orgAddressParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteAddress(db, companyOwner(request), request.params.addressId);
      await audit(request, 'company.address_deleted', request.params.addressId);
      return reply.code(204).send(null);
    },
  );
}

/** Delivery addresses of people (B2C) and of companies (with consignees). */
export function addressesRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  personalRoutes(app, db);
  companyRoutes(app, db);
}
