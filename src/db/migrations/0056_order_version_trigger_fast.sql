-- The order-version trigger of 0034 built the JSON of every changed row before it looked whether its order was
-- already counted. Placing an order inserts 20 lines and 2 events with it, and each returned at that check after
-- building the row's JSON (bench/results/ANALYSIS.md). Rows that name their order in `order_id` now read it
-- directly; the other kinds are unchanged.
CREATE OR REPLACE FUNCTION kabinet_bump_order_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r jsonb;
  v_order uuid;
  v_owner text;
  seen text := coalesce(current_setting('kabinet.orders_seen', true), '');
BEGIN
  IF TG_ARGV[0] = 'order_id' THEN
    -- PL/pgSQL compiles the function per table, so NEW.order_id is only looked up on tables that have it.
    IF TG_OP = 'DELETE' THEN v_order := OLD.order_id; ELSE v_order := NEW.order_id; END IF;
  ELSE
    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
    -- The order the changed row belongs to (TG_ARGV[0] says how to find it).
    CASE TG_ARGV[0]
      WHEN 'order' THEN v_order := (r->>'id')::uuid;
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
  END IF;
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
