/** Who the loyalty demo data is for (src/db/seed/demo.ts passes them to every loyalty module's seed). */
export interface LoyaltyDemo {
  /** The retail customer (demo «Покупатель»). */
  customerId: string;
  customerName: string;
  /** A staff admin, for manual adjustments and authored offers. */
  adminId: string;
  /** The dealer's buyer, a company member. */
  buyerId: string;
  dealerCompanyId: string;
  clientCompanyId: string;
  now: Date;
}
