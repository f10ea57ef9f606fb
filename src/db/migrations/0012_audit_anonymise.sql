-- Account erasure must anonymise audit entries about a person while keeping them. The log stays
-- append-only: an UPDATE passes only inside a transaction that set `kabinet.audit_anonymise` = 'on'
-- (set_config(..., true), so it ends with the transaction), and only when what happened and when is
-- unchanged. DELETE is always refused.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('kabinet.audit_anonymise', true) = 'on'
     AND NEW.id = OLD.id
     AND NEW.at = OLD.at
     AND NEW.action = OLD.action
     AND NEW.actor_kind = OLD.actor_kind
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
