import { defineModule } from '../../server/core/module.js';
import { cartsRoutes } from './carts.routes.js';

export {
  type CartContext,
  ensureCompanyDefaultCart,
  ensurePersonalCart,
  guestCartCookie,
  hashGuestToken,
} from './carts.access.js';
export { parseQuickOrderFile, parseQuickOrderText, previewQuickOrder } from './carts.quick-order.js';
export { mergeGuestCartOf } from './carts.routes.js';
export {
  type AddResult,
  addLines,
  checkoutLinesOf,
  clearCart,
  emptyCartAfterOrder,
  linesForCheckout,
  mergeGuestCart,
  removeLine,
  setQuantity,
  variantFacts,
} from './carts.service.js';
export { cartView, listCarts } from './carts.view.js';

/** Carts of guests, persons and companies (named, shared shopping lists) and quick order (docs/carts.md). */
export const cartsModule = defineModule({ name: 'carts', routes: cartsRoutes });
