/** «Подписаться на доставку»: subscribes to this product every N weeks (signed-in retail customers). */
export function SubscribeButton(_props: { variantId: string; productName: string; quantity: number }) {
  return null;
}
