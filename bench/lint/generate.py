#!/usr/bin/python3
"""Generates the lint benchmark corpus: N small migrations of K statements each, written
both as N files (DIR/files/m00001.sql ...) and concatenated into one file (DIR/one.sql).

The statements are the kinds real migrations are made of (CREATE TABLE, ADD COLUMN,
indexes, constraints, backfills, guarded DO blocks, enum changes, ...), safe and unsafe
forms mixed, every one naming its own objects so no two statements are identical.
Deterministic: the same arguments give the same bytes.

usage: generate.py OUT_DIR [--migrations 4000] [--statements-per-migration 5]
"""
import argparse
import os
import random

TEMPLATES = [
    # new tables, some with indexes and seeds
    """CREATE TABLE IF NOT EXISTS t{n}_items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id bigint NOT NULL,
    title text NOT NULL,
    price numeric(12, 2),
    created_at timestamptz NOT NULL DEFAULT now()
);""",
    "CREATE TABLE t{n}_legacy (id serial PRIMARY KEY, code varchar(40), seen_at timestamp);",
    "CREATE INDEX IF NOT EXISTS t{n}_orders_created_idx ON orders_{m} (created_at);",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS t{n}_users_email_idx ON users_{m} (lower(email));",
    "CREATE UNIQUE INDEX t{n}_invoices_number_key ON invoices_{m} (number) WHERE deleted_at IS NULL;",
    "DROP INDEX IF EXISTS t{n}_old_idx;",
    "DROP INDEX CONCURRENTLY IF EXISTS t{n}_stale_idx;",
    # columns
    "ALTER TABLE users_{m} ADD COLUMN IF NOT EXISTS c{n}_nickname text;",
    "ALTER TABLE users_{m} ADD COLUMN c{n}_tenant_id bigint NOT NULL;",
    "ALTER TABLE orders_{m} ADD COLUMN IF NOT EXISTS c{n}_public_id uuid NOT NULL DEFAULT gen_random_uuid();",
    "ALTER TABLE orders_{m} ADD COLUMN IF NOT EXISTS c{n}_flag boolean NOT NULL DEFAULT false;",
    "ALTER TABLE events_{m} ADD COLUMN IF NOT EXISTS c{n}_seen_at timestamptz DEFAULT now();",
    "ALTER TABLE orders_{m} ALTER COLUMN c{n}_quantity TYPE bigint;",
    "ALTER TABLE products_{m} ALTER COLUMN c{n}_name TYPE text;",
    "ALTER TABLE users_{m} ALTER COLUMN c{n}_email SET NOT NULL;",
    "ALTER TABLE users_{m} ALTER COLUMN c{n}_status SET DEFAULT 'active';",
    "ALTER TABLE users_{m} DROP COLUMN IF EXISTS c{n}_legacy_flag;",
    "ALTER TABLE users_{m} RENAME COLUMN c{n}_fullname TO c{n}_display_name;",
    # constraints
    """ALTER TABLE orders_{m}
    ADD CONSTRAINT t{n}_customer_fk FOREIGN KEY (customer_id) REFERENCES customers_{m} (id) NOT VALID;""",
    "ALTER TABLE orders_{m} VALIDATE CONSTRAINT t{n}_customer_fk;",
    "ALTER TABLE invoices_{m} ADD CONSTRAINT t{n}_total_check CHECK (total >= 0);",
    "ALTER TABLE customers_{m} ADD CONSTRAINT t{n}_email_key UNIQUE (email);",
    """DO $$
BEGIN
    ALTER TABLE payments_{m} ADD CONSTRAINT t{n}_order_fk
        FOREIGN KEY (order_id) REFERENCES orders_{m} (id) NOT VALID;
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$$;""",
    """DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type WHERE typname = 't{n}_state') THEN
        CREATE TYPE t{n}_state AS ENUM ('new', 'active', 'closed');
    END IF;
END
$$;""",
    # types, data, misc
    "ALTER TYPE order_status_{m} ADD VALUE IF NOT EXISTS 's{n}';",
    "UPDATE users_{m} SET c{n}_normalized = lower(email) WHERE c{n}_normalized IS NULL;",
    "INSERT INTO feature_flags_{m} (name, enabled) VALUES ('flag_{n}', false) ON CONFLICT (name) DO NOTHING;",
    "DELETE FROM audit_events_{m} WHERE created_at < now() - interval '{k} days';",
    "SET lock_timeout = '{k}s';",
    "COMMENT ON COLUMN orders_{m}.total IS 'gross amount, revision {n}';",
    """CREATE OR REPLACE FUNCTION f{n}_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;""",
    "TRUNCATE TABLE t{n}_scratch;",
    "DROP TABLE IF EXISTS t{n}_archive;",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("--migrations", type=int, default=4000)
    parser.add_argument("--statements-per-migration", type=int, default=5)
    args = parser.parse_args()

    rng = random.Random(20261128)
    files_dir = os.path.join(args.out_dir, "files")
    os.makedirs(files_dir, exist_ok=True)
    serial = 0
    total = 0
    with open(os.path.join(args.out_dir, "one.sql"), "w") as one:
        for migration in range(1, args.migrations + 1):
            statements = []
            for _ in range(args.statements_per_migration):
                serial += 1
                template = rng.choice(TEMPLATES)
                statements.append(template.format(n=serial, m=migration % 97, k=rng.randint(1, 90)))
            text = f"-- migration {migration:05d}\n" + "\n\n".join(statements) + "\n"
            with open(os.path.join(files_dir, f"m{migration:05d}.sql"), "w") as small:
                small.write(text)
            one.write(text + "\n")
            total += len(statements)
    print(f"{total:,} statements in one file, and the same in {args.migrations:,} files of "
          f"{args.statements_per_migration}")


if __name__ == "__main__":
    main()
