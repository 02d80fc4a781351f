"""Writes an Alembic project with N tables whose models match its one migration.

    /usr/bin/python3 bench/drift/generate.py N FOLDER

Each table: integer key, a varchar, a numeric with a check, a timestamptz with a
server default, a foreign key to table i // 10 (a shallow tree: SQLAlchemy's
reflection recurses along chains), a unique constraint and an index.
"""
import os
import sys

n, folder = int(sys.argv[1]), sys.argv[2]
os.makedirs(os.path.join(folder, "migrations", "versions"), exist_ok=True)

models = ['import sqlalchemy as sa', '', 'metadata = sa.MetaData()', '']
for i in range(n):
    fk = (',\n    sa.Column("parent_id", sa.Integer, sa.ForeignKey("t%d.id", ondelete="CASCADE"), '
          'nullable=True)' % (i // 10)) if i else ''
    models.append(f'''t{i} = sa.Table(
    "t{i}", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("amount", sa.Numeric(10, 2), nullable=True),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()){fk},
    sa.CheckConstraint("amount >= 0", name="ck_t{i}_amount"),
    sa.UniqueConstraint("name", name="uq_t{i}_name"),
)
sa.Index("ix_t{i}_created", t{i}.c.created)
''')
open(os.path.join(folder, "models.py"), "w").write("\n".join(models))

open(os.path.join(folder, "alembic.ini"), "w").write(
    "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite://\n")
open(os.path.join(folder, "migrations", "env.py"), "w").write('''import os
import sys

import sqlalchemy as sa
from alembic import context

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
from models import metadata as target_metadata  # noqa: E402

url = os.environ.get("DATABASE_URL") or context.config.get_main_option("sqlalchemy.url")
if context.is_offline_mode():
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    with sa.create_engine(url).connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
''')
open(os.path.join(folder, "migrations", "versions", "0001_all.py"), "w").write('''"""all tables"""
from alembic import op

from models import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    metadata.create_all(op.get_bind())


def downgrade():
    metadata.drop_all(op.get_bind())
''')
