/** «С этим товаром покупают»: products frequently bought together with this one (from all orders). */
export function BoughtTogether(_props: { productId: string }) {
  return null;
}
