-- Versions of the data the in-process read cache holds (src/server/core/read-cache.ts, docs/performance.md).
-- Every write to a table a cached answer is built from bumps its bucket's version, whoever writes it (the
-- app, an import, a second process, psql), in the same transaction as the write. The triggers are deferred
-- so the version row is locked only at commit, after every other lock (no deadlocks between writers), and
-- a transaction-local flag makes it one update per transaction however many rows it changes.
CREATE TABLE "cache_versions" (
  "name" text PRIMARY KEY NOT NULL,
  "version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "cache_versions" ("name") VALUES ('catalog'), ('identity');
--> statement-breakpoint
CREATE FUNCTION kabinet_bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag text := 'kabinet.cache_bumped_' || TG_ARGV[0];
BEGIN
  IF coalesce(current_setting(flag, true), '') <> 'on' THEN
    UPDATE cache_versions SET version = version + 1 WHERE name = TG_ARGV[0];
    PERFORM set_config(flag, 'on', true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  -- Catalog answers: the catalog tables, plus what a pricing context is read from.
  FOREACH t IN ARRAY ARRAY['categories', 'properties', 'property_options', 'products', 'product_variants',
    'product_property_values', 'product_images', 'product_documents', 'product_relations', 'warehouses', 'stock',
    'price_lists', 'price_list_assignments', 'prices', 'discounts', 'promo_prices', 'customer_groups',
    'companies', 'settings'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kabinet_bump_cache_version(%L)', t || '_catalog_version', t, 'catalog');
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kabinet_bump_cache_version(%L)', t || '_catalog_version_truncate', t, 'catalog');
  END LOOP;
  -- Who is signed in and what they may do: people, staff roles, the 2FA policy, company memberships.
  FOREACH t IN ARRAY ARRAY['users', 'staff_members', 'staff_roles', 'settings', 'companies', 'company_members',
    'company_roles'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kabinet_bump_cache_version(%L)', t || '_identity_version', t, 'identity');
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kabinet_bump_cache_version(%L)', t || '_identity_version_truncate', t, 'identity');
  END LOOP;
END $$;
--> statement-breakpoint
-- A session counts when it ends or changes owner, lifetime or impersonation; not for last_seen_at, written
-- once a minute per active session.
CREATE CONSTRAINT TRIGGER "sessions_identity_version" AFTER DELETE OR UPDATE OF "user_id", "created_at", "expires_at", "impersonated_by" ON "sessions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kabinet_bump_cache_version('identity');
--> statement-breakpoint
CREATE TRIGGER "sessions_identity_version_truncate" AFTER TRUNCATE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION kabinet_bump_cache_version('identity');
