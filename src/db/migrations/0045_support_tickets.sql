CREATE TABLE "support_canned_replies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"locale" text,
	"queue_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_macros" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"actions" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_queue_members" (
	"queue_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_queue_members_queue_id_user_id_pk" PRIMARY KEY("queue_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "support_queues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"round_robin" boolean DEFAULT true NOT NULL,
	"last_assignee_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_queues_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "support_topics" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"audiences" text[] NOT NULL,
	"queue_id" uuid,
	"default_priority" text DEFAULT 'normal' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "support_topics_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "ticket_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"side" text NOT NULL,
	"author_id" text,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"mentions" text[] DEFAULT '{}'::text[] NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"subject" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"audience" text NOT NULL,
	"requester_id" text NOT NULL,
	"requester_name" text NOT NULL,
	"company_id" uuid,
	"topic_id" uuid,
	"queue_id" uuid,
	"assignee_id" text,
	"context" jsonb,
	"locale" text DEFAULT 'ru' NOT NULL,
	"sla_policy_id" uuid,
	"first_response_due_at" timestamp with time zone,
	"resolution_due_at" timestamp with time zone,
	"first_responded_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"first_response_escalated_at" timestamp with time zone,
	"resolution_escalated_at" timestamp with time zone,
	"merged_into_id" uuid,
	"csat_rating" smallint,
	"csat_comment" text,
	"rated_at" timestamp with time zone,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_number_unique" UNIQUE("number"),
	CONSTRAINT "tickets_csat_check" CHECK ("tickets"."csat_rating" is null or "tickets"."csat_rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "support_canned_replies" ADD CONSTRAINT "support_canned_replies_queue_id_support_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."support_queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_queue_members" ADD CONSTRAINT "support_queue_members_queue_id_support_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."support_queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_topics" ADD CONSTRAINT "support_topics_queue_id_support_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."support_queues"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_message_id_ticket_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."ticket_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_topic_id_support_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."support_topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_queue_id_support_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."support_queues"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_queue_members_user_idx" ON "support_queue_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ticket_attachments_message_idx" ON "ticket_attachments" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "ticket_attachments_ticket_idx" ON "ticket_attachments" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_messages_ticket_idx" ON "ticket_messages" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE INDEX "tickets_requester_idx" ON "tickets" USING btree ("requester_id","last_message_at");--> statement-breakpoint
CREATE INDEX "tickets_company_idx" ON "tickets" USING btree ("company_id","last_message_at");--> statement-breakpoint
CREATE INDEX "tickets_queue_idx" ON "tickets" USING btree ("queue_id","status","last_message_at");--> statement-breakpoint
CREATE INDEX "tickets_assignee_idx" ON "tickets" USING btree ("assignee_id","status","last_message_at");--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tickets_first_response_due_idx" ON "tickets" USING btree ("first_response_due_at") WHERE first_responded_at is null and first_response_escalated_at is null;--> statement-breakpoint
CREATE INDEX "tickets_resolution_due_idx" ON "tickets" USING btree ("resolution_due_at") WHERE resolved_at is null and resolution_escalated_at is null;--> statement-breakpoint
-- Request numbers S-YYYY-NNNNNN come from one sequence: no gaps from concurrent requests racing for a counter row.
CREATE SEQUENCE IF NOT EXISTS "support_ticket_number_seq";
--> statement-breakpoint
-- Queues and topics a new portal starts with; the back office edits them.
INSERT INTO "support_queues" ("id", "key", "name_ru", "name_en") VALUES
  (gen_random_uuid(), 'general', 'Общие вопросы', 'General questions'),
  (gen_random_uuid(), 'orders', 'Заказы и доставка', 'Orders and delivery'),
  (gen_random_uuid(), 'finance', 'Оплата и документы', 'Payments and documents'),
  (gen_random_uuid(), 'access', 'Доступ и кабинет', 'Access and the portal');
--> statement-breakpoint
INSERT INTO "support_topics" ("id", "key", "name_ru", "name_en", "audiences", "queue_id", "default_priority", "sort")
SELECT gen_random_uuid(), t.key, t.name_ru, t.name_en, t.audiences, q.id, t.priority, t.sort
FROM (VALUES
  ('order', 'Вопрос по заказу', 'A question about an order', '{customer,company}'::text[], 'orders', 'normal', 10),
  ('delivery', 'Доставка', 'Delivery', '{customer,company}'::text[], 'orders', 'normal', 20),
  ('payment', 'Оплата, счета и документы', 'Payment, invoices and documents', '{customer,company,supplier}'::text[], 'finance', 'normal', 30),
  ('return', 'Возврат или рекламация', 'A return or a claim', '{customer,company}'::text[], 'orders', 'high', 40),
  ('access', 'Вход и доступ к кабинету', 'Signing in and access', '{customer,company,employee,supplier}'::text[], 'access', 'high', 50),
  ('other', 'Другое', 'Something else', '{customer,company,employee,supplier}'::text[], 'general', 'normal', 90)
) AS t(key, name_ru, name_en, audiences, queue, priority, sort)
JOIN "support_queues" q ON q.key = t.queue;
