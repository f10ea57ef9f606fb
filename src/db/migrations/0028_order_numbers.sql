-- Order numbers (K-2026-000123) come from a sequence: it never blocks concurrent placements the way a
-- counter row would. A rolled-back placement leaves a gap in order numbers, which is allowed (documents,
-- which must not have gaps, are numbered separately).
CREATE SEQUENCE IF NOT EXISTS "order_number_seq" START WITH 1;
--> statement-breakpoint
-- Back-office order handling: admins and managers get it by default.
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'orders.manage')
  WHERE "key" IN ('admin', 'manager') AND NOT ('orders.manage' = ANY("permissions"));
