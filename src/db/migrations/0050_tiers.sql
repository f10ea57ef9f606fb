CREATE TABLE "loyalty_tiers" (
	"code" text PRIMARY KEY NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"min_spend" bigint NOT NULL,
	"accrual_bp" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_tiers_min_spend_check" CHECK ("loyalty_tiers"."min_spend" >= 0),
	CONSTRAINT "loyalty_tiers_accrual_check" CHECK ("loyalty_tiers"."accrual_bp" between 0 and 10000),
	CONSTRAINT "loyalty_tiers_code_check" CHECK ("loyalty_tiers"."code" ~ '^[a-z0-9_-]{1,32}$')
);
--> statement-breakpoint
-- The default tiers (docs/loyalty-card.md): spend over the rolling period in kopecks, accrual in basis points.
INSERT INTO "loyalty_tiers" ("code", "name_ru", "name_en", "min_spend", "accrual_bp", "position") VALUES
  ('silver', 'Серебряный', 'Silver', 1000000, 300, 1),
  ('gold', 'Золотой', 'Gold', 5000000, 500, 2),
  ('platinum', 'Платиновый', 'Platinum', 15000000, 700, 3)
ON CONFLICT ("code") DO NOTHING;
