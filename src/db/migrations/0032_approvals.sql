CREATE TABLE "approval_settings" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"hold_hours" integer DEFAULT 48 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
