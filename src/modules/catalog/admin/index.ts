import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../../server/core/module.js';
import { mediaRoutes } from '../media/media.routes.js';
import { categoryAdminRoutes } from './categories.routes.js';
import { priceListAdminRoutes } from './price-lists.routes.js';
import { productAdminRoutes } from './products.routes.js';
import { promotionAdminRoutes } from './promotions.routes.js';
import { propertyAdminRoutes } from './properties.routes.js';
import { warehouseAdminRoutes } from './warehouses.routes.js';

/** Back-office catalog management (`/api/v1/admin/catalog/…`, permission `catalog.manage`) and product media. */
export async function catalogAdminRoutes(app: FastifyInstance, ctx: ModuleContext): Promise<void> {
  productAdminRoutes(app, ctx);
  categoryAdminRoutes(app, ctx);
  propertyAdminRoutes(app, ctx);
  warehouseAdminRoutes(app, ctx);
  priceListAdminRoutes(app, ctx);
  promotionAdminRoutes(app, ctx);
  await mediaRoutes(app, ctx);
}
