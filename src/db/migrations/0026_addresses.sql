CREATE TABLE "delivery_addresses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" text,
	"company_id" uuid,
	"label" text NOT NULL,
	"recipient_name" text NOT NULL,
	"phone" text NOT NULL,
	"postal_code" text NOT NULL,
	"region" text NOT NULL,
	"city" text NOT NULL,
	"line" text NOT NULL,
	"flat" text,
	"comment" text,
	"lat" double precision,
	"lon" double precision,
	"consignee_name" text,
	"consignee_inn" text,
	"consignee_kpp" text,
	"consignee_contact" text,
	"consignee_phone" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_addresses_one_owner" CHECK (("delivery_addresses"."user_id" is null) <> ("delivery_addresses"."company_id" is null)),
	CONSTRAINT "delivery_addresses_location_pair" CHECK (("delivery_addresses"."lat" is null) = ("delivery_addresses"."lon" is null))
);
--> statement-breakpoint
ALTER TABLE "delivery_addresses" ADD CONSTRAINT "delivery_addresses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_addresses" ADD CONSTRAINT "delivery_addresses_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_addresses_user_default_idx" ON "delivery_addresses" USING btree ("user_id") WHERE "delivery_addresses"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_addresses_company_default_idx" ON "delivery_addresses" USING btree ("company_id") WHERE "delivery_addresses"."is_default";--> statement-breakpoint
CREATE INDEX "delivery_addresses_user_idx" ON "delivery_addresses" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "delivery_addresses_company_idx" ON "delivery_addresses" USING btree ("company_id");