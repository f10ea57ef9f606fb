-- Support desk and knowledge base permissions (docs/support.md): operators answer requests and chats,
-- support leads configure queues, SLA and templates, editors keep the knowledge base.
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'support.work')
  WHERE "key" IN ('admin', 'manager', 'support') AND NOT ('support.work' = ANY("permissions"));
--> statement-breakpoint
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'support.manage')
  WHERE "key" = 'admin' AND NOT ('support.manage' = ANY("permissions"));
--> statement-breakpoint
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'kb.manage')
  WHERE "key" IN ('admin', 'support', 'contentEditor') AND NOT ('kb.manage' = ANY("permissions"));
