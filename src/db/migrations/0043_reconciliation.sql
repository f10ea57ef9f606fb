CREATE TABLE "reconciliation_disputes" (
	"request_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"comment" text NOT NULL,
	"their_amount" bigint,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answer" text,
	"answer_comment" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	CONSTRAINT "reconciliation_disputes_request_id_line_no_pk" PRIMARY KEY("request_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "reconciliation_lines" (
	"request_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"entry_date" date NOT NULL,
	"description" text NOT NULL,
	"debit" bigint NOT NULL,
	"credit" bigint NOT NULL,
	"ledger_entry_id" uuid,
	CONSTRAINT "reconciliation_lines_request_id_line_no_pk" PRIMARY KEY("request_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "reconciliation_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"requested_by" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"error" text,
	"document_id" uuid,
	"opening" bigint,
	"debit_total" bigint,
	"credit_total" bigint,
	"closing" bigint,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone,
	"disputed_by" text,
	"disputed_at" timestamp with time zone,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reconciliation_disputes" ADD CONSTRAINT "reconciliation_disputes_request_id_reconciliation_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."reconciliation_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_lines" ADD CONSTRAINT "reconciliation_lines_request_id_reconciliation_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."reconciliation_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reconciliation_requests_company_idx" ON "reconciliation_requests" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE INDEX "reconciliation_requests_status_idx" ON "reconciliation_requests" USING btree ("status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_requests_active_idx" ON "reconciliation_requests" USING btree ("company_id","period_from","period_to") WHERE "reconciliation_requests"."status" in ('queued', 'running');