-- Catalog management in the back office (src/shared/permissions.ts): the admin's stored list holds every key,
-- and the content editor maintains the catalog. A role an admin has edited keeps its other keys.
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'catalog.manage')
  WHERE "key" IN ('admin', 'contentEditor') AND NOT ('catalog.manage' = ANY("permissions"));
