-- Delivery management in the back office (src/shared/permissions.ts): the admin's stored list holds every key.
-- A role an admin has edited keeps its other keys.
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'delivery.manage')
  WHERE "key" = 'admin' AND NOT ('delivery.manage' = ANY("permissions"));
