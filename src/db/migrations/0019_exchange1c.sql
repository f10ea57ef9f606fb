CREATE TABLE "exchange1c_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"password_hash" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "exchange1c_accounts_login_unique" UNIQUE("login")
);
--> statement-breakpoint
CREATE TABLE "exchange1c_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"type" text DEFAULT 'catalog' NOT NULL,
	"login" text NOT NULL,
	"account_id" uuid,
	"files" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"uploads" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange1c_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE INDEX "exchange1c_sessions_created_idx" ON "exchange1c_sessions" USING btree ("created_at");