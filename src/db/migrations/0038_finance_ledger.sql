CREATE TABLE "company_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"allocated" bigint DEFAULT 0 NOT NULL,
	"paid_on" date NOT NULL,
	"number" text,
	"payer" text,
	"purpose" text,
	"source" text NOT NULL,
	"external_id" text,
	"order_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_payments_amount_check" CHECK ("company_payments"."amount" > 0),
	CONSTRAINT "company_payments_allocated_check" CHECK ("company_payments"."allocated" between 0 and "company_payments"."amount")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"entry_date" date NOT NULL,
	"kind" text NOT NULL,
	"debit" bigint DEFAULT 0 NOT NULL,
	"credit" bigint DEFAULT 0 NOT NULL,
	"order_id" uuid,
	"shipment_id" uuid,
	"payment_id" uuid,
	"document_id" uuid,
	"description" text NOT NULL,
	"source" text NOT NULL,
	"external_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_amount_check" CHECK ("ledger_entries"."debit" >= 0 and "ledger_entries"."credit" >= 0 and not ("ledger_entries"."debit" > 0 and "ledger_entries"."credit" > 0)
        and ("ledger_entries"."kind" = 'opening' or "ledger_entries"."debit" > 0 or "ledger_entries"."credit" > 0))
);
--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"order_id" uuid,
	"document_id" uuid,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_allocations_amount_check" CHECK ("payment_allocations"."amount" > 0),
	CONSTRAINT "payment_allocations_target_check" CHECK ("payment_allocations"."order_id" is not null or "payment_allocations"."document_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "payment_term_days" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_payment_id_company_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."company_payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_payment_id_company_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."company_payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "company_payments_external_idx" ON "company_payments" USING btree ("source","external_id") WHERE "company_payments"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "company_payments_company_idx" ON "company_payments" USING btree ("company_id","paid_on","id");--> statement-breakpoint
CREATE INDEX "company_payments_open_idx" ON "company_payments" USING btree ("company_id","paid_on","id") WHERE "company_payments"."allocated" < "company_payments"."amount";--> statement-breakpoint
CREATE INDEX "ledger_entries_company_idx" ON "ledger_entries" USING btree ("company_id","entry_date","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_shipment_idx" ON "ledger_entries" USING btree ("shipment_id") WHERE "ledger_entries"."kind" = 'shipment';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_payment_idx" ON "ledger_entries" USING btree ("payment_id") WHERE "ledger_entries"."kind" = 'payment';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_external_idx" ON "ledger_entries" USING btree ("source","external_id") WHERE "ledger_entries"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "payment_allocations_payment_idx" ON "payment_allocations" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_order_idx" ON "payment_allocations" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_document_idx" ON "payment_allocations" USING btree ("document_id");--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_payment_term_check" CHECK ("companies"."payment_term_days" between 0 and 3650);