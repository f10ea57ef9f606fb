-- Reservations change stock on every order. Counting them in the catalog bucket would empty the catalog
-- cache on every order, so a change of `reserved` alone bumps a bucket of its own, `stock`, which cached
-- catalog answers tolerate for a few seconds (docs/performance.md). Everything else about stock (rows added
-- or removed, on-hand quantities from imports and shipments) still bumps `catalog` at once.
INSERT INTO "cache_versions" ("name") VALUES ('stock') ON CONFLICT DO NOTHING;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "stock_catalog_version" ON "stock";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "stock_catalog_version" AFTER INSERT OR DELETE OR UPDATE OF "variant_id", "warehouse_id", "on_hand" ON "stock" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kabinet_bump_cache_version('catalog');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "stock_stock_version" AFTER UPDATE OF "reserved" ON "stock" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kabinet_bump_cache_version('stock');
