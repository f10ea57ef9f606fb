-- Versions for cached order answers (history pages and order pages; docs/performance.md). Orders change far
-- more often than the catalog, so besides the global `orders` bucket in cache_versions every owner of orders
-- (a company, or a person for their own orders) has a version of its own: while other companies place orders,
-- a company's cached pages stay valid as long as its own version holds. Like 0022's, the triggers are deferred
-- (the version rows are locked only at commit) and count each order and each owner once per transaction.
CREATE TABLE "order_cache_versions" (
  "owner" text PRIMARY KEY NOT NULL,
  "version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "cache_versions" ("name") VALUES ('orders') ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION kabinet_bump_order_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r jsonb;
  v_order uuid;
  v_owner text;
  seen text := coalesce(current_setting('kabinet.orders_seen', true), '');
BEGIN
  IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
  -- The order the changed row belongs to (TG_ARGV[0] says how to find it).
  CASE TG_ARGV[0]
    WHEN 'order' THEN v_order := (r->>'id')::uuid;
    WHEN 'order_id' THEN v_order := (r->>'order_id')::uuid;
    WHEN 'shipment' THEN SELECT s.order_id INTO v_order FROM shipments s WHERE s.id = (r->>'shipment_id')::uuid;
    WHEN 'return' THEN SELECT o.order_id INTO v_order FROM order_returns o WHERE o.id = (r->>'return_id')::uuid;
    WHEN 'claim' THEN SELECT c.order_id INTO v_order FROM claims c WHERE c.id = (r->>'claim_id')::uuid;
    WHEN 'attachment' THEN
      IF r->>'owner_type' = 'return' THEN
        SELECT o.order_id INTO v_order FROM order_returns o WHERE o.id = (r->>'owner_id')::uuid;
      ELSE
        SELECT c.order_id INTO v_order FROM claims c WHERE c.id = (r->>'owner_id')::uuid;
      END IF;
    WHEN 'payment' THEN
      IF r->>'subject_type' = 'order' THEN v_order := (r->>'subject_id')::uuid; END IF;
  END CASE;
  IF TG_ARGV[0] = 'order' THEN
    -- An order row names its owner itself (before and after, should an update move it).
    v_owner := coalesce(r->>'company_id', r->>'person_id');
    IF TG_OP = 'UPDATE' THEN
      PERFORM kabinet_bump_order_owner(coalesce(to_jsonb(OLD)->>'company_id', to_jsonb(OLD)->>'person_id'));
    END IF;
  ELSE
    IF v_order IS NULL OR strpos(seen, v_order::text) > 0 THEN RETURN NULL; END IF;
    SELECT coalesce(o.company_id::text, o.person_id) INTO v_owner FROM orders o WHERE o.id = v_order;
  END IF;
  IF v_order IS NOT NULL THEN PERFORM set_config('kabinet.orders_seen', seen || v_order::text || ',', true); END IF;
  IF v_owner IS NOT NULL THEN PERFORM kabinet_bump_order_owner(v_owner); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION kabinet_bump_order_owner(p_owner text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  bumped text := coalesce(current_setting('kabinet.order_owners_bumped', true), '');
BEGIN
  IF p_owner IS NULL OR strpos(bumped, '|' || p_owner || '|') > 0 THEN RETURN; END IF;
  INSERT INTO order_cache_versions AS v (owner, version) VALUES (p_owner, 1)
    ON CONFLICT (owner) DO UPDATE SET version = v.version + 1;
  PERFORM set_config('kabinet.order_owners_bumped', bumped || '|' || p_owner || '|', true);
  IF coalesce(current_setting('kabinet.cache_bumped_orders', true), '') <> 'on' THEN
    UPDATE cache_versions SET version = version + 1 WHERE name = 'orders';
    PERFORM set_config('kabinet.cache_bumped_orders', 'on', true);
  END IF;
END $$;
--> statement-breakpoint
-- A truncate changes every owner's orders.
CREATE FUNCTION kabinet_bump_all_order_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE order_cache_versions SET version = version + 1;
  UPDATE cache_versions SET version = version + 1 WHERE name = 'orders';
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t text[];
BEGIN
  -- Every table an order page or a history page is built from, and how its rows lead to their order.
  FOREACH t SLICE 1 IN ARRAY ARRAY[
    ['orders', 'order'], ['order_lines', 'order_id'], ['order_events', 'order_id'], ['shipments', 'order_id'],
    ['shipment_lines', 'shipment'], ['shipment_events', 'shipment'], ['order_returns', 'order_id'],
    ['order_return_lines', 'return'], ['claims', 'order_id'], ['claim_lines', 'claim'],
    ['order_attachments', 'attachment'], ['payments', 'payment']] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kabinet_bump_order_version(%L)', t[1] || '_order_version', t[1], t[2]);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kabinet_bump_all_order_versions()', t[1] || '_order_version_truncate', t[1]);
  END LOOP;
END $$;
