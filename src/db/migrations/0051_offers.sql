CREATE TABLE "offer_bought_together" (
	"product_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"other_id" uuid NOT NULL,
	"support" integer NOT NULL,
	CONSTRAINT "offer_bought_together_product_id_rank_pk" PRIMARY KEY("product_id","rank")
);
--> statement-breakpoint
CREATE TABLE "offer_buy_again" (
	"person_id" text NOT NULL,
	"rank" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"times" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "offer_buy_again_person_id_rank_pk" PRIMARY KEY("person_id","rank")
);
--> statement-breakpoint
CREATE TABLE "offer_dismissals" (
	"offer_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_dismissals_person_id_offer_id_pk" PRIMARY KEY("person_id","offer_id")
);
--> statement-breakpoint
CREATE TABLE "offer_promotions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text,
	"text_ru" text DEFAULT '' NOT NULL,
	"text_en" text,
	"link_kind" text,
	"link_value" text,
	"placement" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"segment_ids" uuid[] NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_promotions_period_check" CHECK ("offer_promotions"."ends_at" > "offer_promotions"."starts_at"),
	CONSTRAINT "offer_promotions_link_check" CHECK (("offer_promotions"."link_kind" is null) = ("offer_promotions"."link_value" is null))
);
--> statement-breakpoint
CREATE TABLE "offer_reco_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"buy_again_rows" integer NOT NULL,
	"bought_together_rows" integer NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offer_segments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"rules" jsonb NOT NULL,
	"person_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personal_offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text,
	"text_ru" text DEFAULT '' NOT NULL,
	"text_en" text,
	"promo_code" text,
	"valid_until" timestamp with time zone NOT NULL,
	"segment_ids" uuid[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offer_dismissals" ADD CONSTRAINT "offer_dismissals_offer_id_personal_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."personal_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offer_promotions_live_idx" ON "offer_promotions" USING btree ("ends_at") WHERE "offer_promotions"."active";--> statement-breakpoint
CREATE INDEX "personal_offers_live_idx" ON "personal_offers" USING btree ("valid_until") WHERE "personal_offers"."active";