"""The peer: Alembic 1.8's compare_metadata (what `alembic check`/pytest-alembic's
model-matches-ddl run), with type and server-default comparison on.

    DATABASE_URL=... /usr/bin/python3 bench/drift/alembic_compare.py PROJECT

Prints JSON: seconds spent in compare_metadata, the number of differences, the number
of SQL statements Alembic issued.
"""
import json
import os
import sys
import time

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

sys.setrecursionlimit(10000)  # SQLAlchemy 1.4 reflects foreign keys recursively
sys.path.insert(0, sys.argv[1])
from models import metadata  # noqa: E402

engine = sa.create_engine(os.environ["DATABASE_URL"])
statements = [0]
sa.event.listen(engine, "before_cursor_execute", lambda *a, **k: statements.__setitem__(0, statements[0] + 1))
with engine.connect() as connection:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True})
    started = time.perf_counter()
    diff = compare_metadata(context, metadata)
    seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "differences": len(diff), "queries": statements[0]}))
