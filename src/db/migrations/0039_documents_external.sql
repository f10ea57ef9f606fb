CREATE TABLE "document_failures" (
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"order_id" uuid,
	"reason" text NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"first_failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_tried_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_failures_kind_subject_id_pk" PRIMARY KEY("kind","subject_id")
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "shipment_id" uuid;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "content_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_shipment_upd_idx" ON "documents" USING btree ("shipment_id") WHERE "documents"."kind" = 'upd' and "documents"."source" = 'generated' and "documents"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "documents_order_confirmation_idx" ON "documents" USING btree ("order_id") WHERE "documents"."kind" = 'order_confirmation' and "documents"."source" = 'generated' and "documents"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "documents_external_number_idx" ON "documents" USING btree ("source","company_id","kind","number","doc_date") WHERE "documents"."source" <> 'generated';--> statement-breakpoint
CREATE UNIQUE INDEX "documents_external_id_idx" ON "documents" USING btree ("source","external_id") WHERE "documents"."external_id" is not null;