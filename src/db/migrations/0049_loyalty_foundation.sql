CREATE TABLE "loyalty_accounts" (
	"person_id" text PRIMARY KEY NOT NULL,
	"card_number" text NOT NULL,
	"tier_code" text,
	"tier_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_accounts_card_number_unique" UNIQUE("card_number")
);
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_total_check";--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "discount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "discount_total" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "discounts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "loyalty_accounts_tier_idx" ON "loyalty_accounts" USING btree ("tier_code");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_check" CHECK ("orders"."total" = "orders"."items_total" - "orders"."discount_total" + "orders"."delivery_cost");--> statement-breakpoint
-- Loyalty card serials (loyalty/card-number.ts makes an EAN-13 of each).
CREATE SEQUENCE IF NOT EXISTS "loyalty_card_serial_seq" START 1;
--> statement-breakpoint
-- Loyalty permissions (docs/loyalty.md): marketers manage the programme, managers and support look up a card.
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'loyalty.manage')
  WHERE "key" = 'admin' AND NOT ('loyalty.manage' = ANY("permissions"));
--> statement-breakpoint
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'loyalty.till')
  WHERE "key" IN ('admin', 'manager', 'support') AND NOT ('loyalty.till' = ANY("permissions"));
