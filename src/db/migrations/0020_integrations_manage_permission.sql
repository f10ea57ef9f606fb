-- The 1C exchange's integration accounts and log (src/shared/permissions.ts, integrations.manage): the admin's
-- stored list holds every key. A role an admin has edited keeps its other keys.
UPDATE "staff_roles" SET "permissions" = array_append("permissions", 'integrations.manage')
  WHERE "key" = 'admin' AND NOT ('integrations.manage' = ANY("permissions"));
