-- The built-in staff roles with their default permissions (src/shared/permissions.ts, staffRoles).
INSERT INTO "staff_roles" ("key", "name", "permissions", "built_in") VALUES
  ('admin', '{"ru":"Администратор","en":"Administrator"}', ARRAY['devMailbox.read','settings.manage','jobs.read','companies.read','audit.read','companies.manage','people.read','people.manage','people.impersonate','staff.manage','roles.manage'], true),
  ('manager', '{"ru":"Менеджер","en":"Manager"}', ARRAY['companies.read','companies.manage','people.read'], true),
  ('support', '{"ru":"Сотрудник поддержки","en":"Support agent"}', ARRAY['companies.read','people.read','people.impersonate'], true),
  ('hr', '{"ru":"Кадровик","en":"HR"}', ARRAY['people.read'], true),
  ('buyer', '{"ru":"Закупщик","en":"Buyer"}', ARRAY['companies.read'], true),
  ('specialist', '{"ru":"Специалист","en":"Specialist"}', ARRAY['companies.read','people.read'], true),
  ('contentEditor', '{"ru":"Контент-редактор","en":"Content editor"}', ARRAY[]::text[], true)
ON CONFLICT ("key") DO NOTHING;
