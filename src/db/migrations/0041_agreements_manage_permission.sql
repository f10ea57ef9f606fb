-- Document approval in the back office (src/shared/permissions.ts, docs/agreements.md): admins and managers
-- handle contracts with companies. A role an admin has edited keeps its other keys.
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'agreements.manage')
  WHERE "key" IN ('admin', 'manager') AND NOT ('agreements.manage' = ANY("permissions"));
