-- Striped versions for the buckets every order bumps (bench/results/ANALYSIS.md). Each placed order bumped the
-- same three rows at commit (its owner's order version, the global `orders` and `stock` versions) and held their
-- row locks until the commit was on disk, so all commits queued on them one by one. A hot version is now the sum
-- of eight rows and a transaction bumps the row of its connection's stripe (the backend pid modulo 8): concurrent
-- commits rarely meet, and the sum still grows with every committed change, so it still names one state of the
-- data. The read cache sums the stripes (src/server/core/read-cache.ts).
ALTER TABLE "order_cache_versions" ADD COLUMN "stripe" smallint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "order_cache_versions" DROP CONSTRAINT "order_cache_versions_pkey";
--> statement-breakpoint
ALTER TABLE "order_cache_versions" ADD PRIMARY KEY ("owner", "stripe");
--> statement-breakpoint
CREATE FUNCTION kabinet_bump_bucket(p_name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_name IN ('orders', 'stock') THEN
    INSERT INTO cache_versions AS v (name, version) VALUES (p_name || '#' || (pg_backend_pid() % 8), 1)
      ON CONFLICT (name) DO UPDATE SET version = v.version + 1;
  ELSE
    UPDATE cache_versions SET version = version + 1 WHERE name = p_name;
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kabinet_bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag text := 'kabinet.cache_bumped_' || TG_ARGV[0];
BEGIN
  IF coalesce(current_setting(flag, true), '') <> 'on' THEN
    PERFORM kabinet_bump_bucket(TG_ARGV[0]);
    PERFORM set_config(flag, 'on', true);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kabinet_bump_order_owner(p_owner text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  bumped text := coalesce(current_setting('kabinet.order_owners_bumped', true), '');
BEGIN
  IF p_owner IS NULL OR strpos(bumped, '|' || p_owner || '|') > 0 THEN RETURN; END IF;
  INSERT INTO order_cache_versions AS v (owner, stripe, version) VALUES (p_owner, pg_backend_pid() % 8, 1)
    ON CONFLICT (owner, stripe) DO UPDATE SET version = v.version + 1;
  PERFORM set_config('kabinet.order_owners_bumped', bumped || '|' || p_owner || '|', true);
  IF coalesce(current_setting('kabinet.cache_bumped_orders', true), '') <> 'on' THEN
    PERFORM kabinet_bump_bucket('orders');
    PERFORM set_config('kabinet.cache_bumped_orders', 'on', true);
  END IF;
END $$;
