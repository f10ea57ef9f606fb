-- Recording company payments in the back office: admins and managers get it by default.
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'finance.manage')
  WHERE "key" IN ('admin', 'manager') AND NOT ('finance.manage' = ANY("permissions"));
