-- migsafe:ignore ban-drop-column
ALTER TABLE users DROP COLUMN legacy;
BEGIN;
SET lock_timeout = '2s';
ALTER TYPE mood ADD VALUE 'meh';
UPDATE users SET mood = 'meh' WHERE id = 1;
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (mood);
/* a /* nested */ comment */ DROP INDEX ix;
