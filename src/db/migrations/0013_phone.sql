CREATE TABLE "phone_code_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_number_verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "phone_code_requests_phone_idx" ON "phone_code_requests" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "phone_code_requests_ip_idx" ON "phone_code_requests" USING btree ("ip","created_at");