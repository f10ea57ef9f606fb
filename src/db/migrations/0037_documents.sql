CREATE TABLE "document_counters" (
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_counters_kind_year_pk" PRIMARY KEY("kind","year")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"year" integer,
	"seq" integer,
	"doc_date" date NOT NULL,
	"order_id" uuid,
	"amount" bigint NOT NULL,
	"vat_amount" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"source" text DEFAULT 'generated' NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number_idx" ON "documents" USING btree ("kind","year","seq") WHERE "documents"."source" = 'generated';--> statement-breakpoint
CREATE UNIQUE INDEX "documents_order_invoice_idx" ON "documents" USING btree ("order_id") WHERE "documents"."kind" = 'invoice' and "documents"."source" = 'generated' and "documents"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "documents_company_date_idx" ON "documents" USING btree ("company_id","doc_date","id");