CREATE TABLE "loyalty_birthdays" (
	"person_id" text PRIMARY KEY NOT NULL,
	"birth_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_point_allocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"debit_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"points" integer NOT NULL,
	CONSTRAINT "loyalty_point_allocations_points_check" CHECK ("loyalty_point_allocations"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "loyalty_point_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"remaining" integer,
	"expires_at" timestamp with time zone,
	"order_id" uuid,
	"order_number" text,
	"source" text,
	"reason" text NOT NULL,
	"shortfall" integer DEFAULT 0 NOT NULL,
	"actor_id" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "loyalty_point_entries_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "loyalty_point_entries_points_check" CHECK ("loyalty_point_entries"."points" <> 0 or "loyalty_point_entries"."shortfall" > 0),
	CONSTRAINT "loyalty_point_entries_lot_check" CHECK (("loyalty_point_entries"."points" > 0 and "loyalty_point_entries"."remaining" between 0 and "loyalty_point_entries"."points" and "loyalty_point_entries"."expires_at" is not null)
        or ("loyalty_point_entries"."points" <= 0 and "loyalty_point_entries"."remaining" is null)),
	CONSTRAINT "loyalty_point_entries_shortfall_check" CHECK ("loyalty_point_entries"."shortfall" >= 0)
);
--> statement-breakpoint
ALTER TABLE "loyalty_point_allocations" ADD CONSTRAINT "loyalty_point_allocations_debit_id_loyalty_point_entries_id_fk" FOREIGN KEY ("debit_id") REFERENCES "public"."loyalty_point_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_point_allocations" ADD CONSTRAINT "loyalty_point_allocations_lot_id_loyalty_point_entries_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."loyalty_point_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "loyalty_point_allocations_debit_idx" ON "loyalty_point_allocations" USING btree ("debit_id");--> statement-breakpoint
CREATE INDEX "loyalty_point_allocations_lot_idx" ON "loyalty_point_allocations" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "loyalty_point_entries_person_idx" ON "loyalty_point_entries" USING btree ("person_id","created_at","id");--> statement-breakpoint
CREATE INDEX "loyalty_point_entries_order_idx" ON "loyalty_point_entries" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "loyalty_point_entries_lots_idx" ON "loyalty_point_entries" USING btree ("person_id","expires_at") WHERE "loyalty_point_entries"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "loyalty_point_entries_expiry_idx" ON "loyalty_point_entries" USING btree ("expires_at") WHERE "loyalty_point_entries"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "loyalty_point_entries_month_idx" ON "loyalty_point_entries" USING btree ("created_at");