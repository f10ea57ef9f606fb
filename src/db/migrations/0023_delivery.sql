CREATE TABLE "delivery_methods" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"carrier" text,
	"warehouse_id" uuid,
	"audiences" text[] DEFAULT '{retail,company}'::text[] NOT NULL,
	"lead_time_days" integer DEFAULT 0 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_tariffs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"method_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"base_cost" bigint DEFAULT 0 NOT NULL,
	"included_weight_kg" numeric(12, 3) DEFAULT 0 NOT NULL,
	"per_kg_cost" bigint DEFAULT 0 NOT NULL,
	"per_m3_cost" bigint DEFAULT 0 NOT NULL,
	"volumetric_factor" numeric(12, 3) DEFAULT 0 NOT NULL,
	"max_weight_kg" numeric(12, 3),
	"max_volume_m3" numeric(12, 6),
	"free_over_amount" bigint,
	"days_min" integer DEFAULT 0 NOT NULL,
	"days_max" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "delivery_tariffs_values_check" CHECK ("delivery_tariffs"."base_cost" >= 0 and "delivery_tariffs"."per_kg_cost" >= 0 and "delivery_tariffs"."per_m3_cost" >= 0 and "delivery_tariffs"."days_max" >= "delivery_tariffs"."days_min")
);
--> statement-breakpoint
CREATE TABLE "delivery_zones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"postal_prefixes" text[] DEFAULT '{}'::text[] NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"cities" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "delivery_tariffs" ADD CONSTRAINT "delivery_tariffs_method_id_delivery_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."delivery_methods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_tariffs" ADD CONSTRAINT "delivery_tariffs_zone_id_delivery_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."delivery_zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_tariffs_method_zone_idx" ON "delivery_tariffs" USING btree ("method_id","zone_id");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_zones_default_idx" ON "delivery_zones" USING btree ("is_default") WHERE "delivery_zones"."is_default";