DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'ix_users_email') THEN
    EXECUTE 'CREATE INDEX ix_users_email ON users (email)';
  END IF;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
DO LANGUAGE plpgsql $body$ BEGIN ALTER TABLE users ADD COLUMN note text; END $body$;
