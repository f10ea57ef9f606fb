-- Delivery zones, methods and tariffs are read on every checkout and every order placed, and change only when the
-- back office edits them: quotes take them from the read cache's catalog bucket (docs/performance.md), so a
-- write to them bumps that bucket like any catalog write (warehouses already do, migration 0022).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['delivery_zones', 'delivery_methods', 'delivery_tariffs'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kabinet_bump_cache_version(%L)', t || '_catalog_version', t, 'catalog');
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kabinet_bump_cache_version(%L)', t || '_catalog_version_truncate', t, 'catalog');
  END LOOP;
END $$;
