CREATE TABLE "exchange1c_sale_state" (
	"name" text PRIMARY KEY NOT NULL,
	"committed_seq" bigint DEFAULT 0 NOT NULL,
	"committed_at" timestamp with time zone,
	"session_id" uuid
);
--> statement-breakpoint
ALTER TABLE "exchange1c_sessions" ADD COLUMN "sale_version" text;--> statement-breakpoint
ALTER TABLE "exchange1c_sessions" ADD COLUMN "sale_staged_seq" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "change_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "number_1c" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "date_1c" text;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "external_number" text;--> statement-breakpoint
CREATE INDEX "orders_change_seq_idx" ON "orders" USING btree ("change_seq");--> statement-breakpoint
-- The orders change sequence (docs/1c-exchange.md, the sale exchange). Every insert and update of an order takes
-- the next value. A writer holds the shared advisory lock 80310 until it commits; a reader wanting a cutoff takes
-- that lock exclusively for a moment (ordersChangeCutoff), so every value at or below the cutoff belongs to a
-- finished transaction and no order can later appear below a position already confirmed to 1C.
-- Orders that existed before this migration keep 0 and are not sent until they change.
CREATE SEQUENCE "orders_change_seq";
--> statement-breakpoint
CREATE FUNCTION kabinet_order_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(80310);
  NEW.change_seq := nextval('orders_change_seq');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "orders_change_seq" BEFORE INSERT OR UPDATE ON "orders" FOR EACH ROW EXECUTE FUNCTION kabinet_order_change_seq();
--> statement-breakpoint
INSERT INTO "exchange1c_sale_state" ("name") VALUES ('sale') ON CONFLICT DO NOTHING;
