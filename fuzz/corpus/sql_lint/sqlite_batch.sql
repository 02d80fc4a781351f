CREATE TABLE _alembic_tmp_users (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, name VARCHAR(50));
INSERT INTO _alembic_tmp_users (id, name) SELECT users.id, users.name FROM users;
DROP TABLE users;
ALTER TABLE _alembic_tmp_users RENAME TO users;
ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;
UPDATE alembic_version SET version_num='2b6d3f8c0e12' WHERE alembic_version.version_num = '1a5c2e7b9d01';
