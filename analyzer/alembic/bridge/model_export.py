"""The models' schema as JSON for migsafe's diff (migsafe_bridge.model_export).

The session's export_models verb calls export_schema(session, request). The metadata is the
target_metadata env.py hands Alembic (captured the way autogenerate gets it: env.py runs
offline with a migration function that does nothing, so no database is opened), or the
"module:attr" the user named. Everything is rendered for the target dialect with the
dialect's own DDL compiler, so the text is what the migrations would have emitted.
"""

import gc
import importlib
import json
import os
import sys

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import Computed, DefaultClause

try:
    from sqlalchemy.schema import Identity
except ImportError:  # pragma: no cover - SQLAlchemy < 1.4
    Identity = ()

from . import compat


def _dialect(name):
    if name == "sqlite":
        return sqlite.dialect()
    return postgresql.dialect()


def _import_from_project(module_name, folder):
    """Imports module_name with the project's folder first on sys.path; a module of the
    same name cached from another project (one process, several projects) is dropped."""
    if not folder:
        return importlib.import_module(module_name)
    top = module_name.split(".")[0]
    cached = sys.modules.get(top)
    local = [os.path.join(folder, top + ".py"), os.path.join(folder, top)]
    if cached is not None and any(os.path.exists(p) for p in local):
        origin = os.path.abspath(getattr(cached, "__file__", "") or "")
        if not origin.startswith(os.path.abspath(folder) + os.sep):
            for name in [n for n in sys.modules if n == top or n.startswith(top + ".")]:
                del sys.modules[name]
    sys.path.insert(0, folder)
    try:
        return importlib.import_module(module_name)
    finally:
        sys.path.remove(folder)


def _load_metadata(spec, folder=""):
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise ValueError("--metadata %r is not \"module:attr\" (e.g. app.models:Base.metadata)" % spec)
    value = _import_from_project(module_name, folder)
    for part in attr.split("."):
        value = getattr(value, part)
    if isinstance(value, sa.MetaData):
        return value
    metadata = getattr(value, "metadata", None)  # a declarative Base
    if isinstance(metadata, sa.MetaData):
        return metadata
    raise ValueError("%s is a %s, not a SQLAlchemy MetaData" % (spec, type(value).__name__))


def _env_options(session, dialect_name):
    return session.env_options(dialect_name + "://")


def _as_list(metadata):
    if metadata is None:
        return []
    if isinstance(metadata, (list, tuple)):
        return list(metadata)
    return [metadata]


# Attribute values a type's key may hold: their equality is exact once the value's own
# type is part of the key (True == 1 otherwise).
_PLAIN_VALUES = (str, int, float, bool, type(None))


def _type_key(type_):
    """A key under which equal types of SQLAlchemy's own classes share their rendering
    (a model repeats String(100) and Integer() thousands of times, and repr() of a type
    alone costs tens of microseconds), or None to render this one afresh. Only
    SQLAlchemy's classes, whose state is all in __dict__, and only plain attribute values:
    a user's type, or one holding another object, is never shared."""
    cls = type(type_)
    if not cls.__module__.startswith("sqlalchemy."):
        return None
    key = [cls]
    for name, value in type_.__dict__.items():
        # Classes compare by identity; SQLAlchemy memoizes one on the types it has
        # looked at (_type_affinity).
        if type(value) not in _PLAIN_VALUES and not isinstance(value, type):
            return None
        key.append((name, type(value), value))
    return tuple(key)


class _Exporter:
    def __init__(self, dialect, include_object, include_name):
        self.dialect = dialect
        self.postgres = dialect.name == "postgresql"
        self.ddl = dialect.ddl_compiler(dialect, None)
        self.include_object = include_object
        self.include_name = include_name
        self._types = {}  # _type_key -> (type text, collation, python type)

    def sql(self, clause):
        """An expression as the DDL compiler writes it in CREATE statements."""
        if isinstance(clause, str):
            return clause
        return str(self.ddl.sql_compiler.process(clause, include_table=False, literal_binds=True))

    def keep(self, obj, name, type_):
        if self.include_object is None:
            return True
        return bool(self.include_object(obj, name, type_, False, None))

    def type_text(self, type_):
        text = type_.compile(dialect=self.dialect)
        # The dialect's own type: String(8).with_variant(String(8, collation="C"),
        # "postgresql") has its collation only there.
        collation = getattr(type_.dialect_impl(self.dialect), "collation", None)
        if collation and " COLLATE " in text:
            text = text.rsplit(" COLLATE ", 1)[0]
        return text, collation

    def rendered_type(self, type_):
        """(type text, collation, python type) of a column's type."""
        key = _type_key(type_)
        rendered = self._types.get(key) if key is not None else None
        if rendered is None:
            rendered = self.type_text(type_) + (self.python_type(type_),)
            if key is not None:
                self._types[key] = rendered
        return rendered

    def python_type(self, type_):
        module = type(type_).__module__
        prefix = "postgresql." if ".dialects.postgresql" in module else "sa."
        try:
            return prefix + repr(type_)
        except Exception:  # noqa: BLE001 - a user type whose repr breaks
            return "sa.types.NullType()"

    def server_default(self, column):
        default = column.server_default
        if default is None or isinstance(default, (Computed,) + ((Identity,) if Identity else ())):
            return None
        if isinstance(default, DefaultClause):
            arg = default.arg
            if isinstance(arg, str):
                return "'" + arg.replace("'", "''") + "'"
            if isinstance(arg, sa.sql.elements.TextClause):
                return arg.text
            return self.sql(arg)
        return None

    def column(self, table, column):
        type_text, collation, python_type = self.rendered_type(column.type)
        identity = getattr(column, "identity", None)
        computed = getattr(column, "computed", None)
        return {
            "name": column.name,
            "type": type_text,
            "python_type": python_type,
            "nullable": bool(column.nullable),
            "server_default": self.server_default(column),
            "identity": (("always" if identity.always else "by default")
                         if identity is not None and self.postgres else None),
            "generated": self.sql(computed.sqltext) if computed is not None else None,
            "collation": collation,
            "comment": column.comment,
            "autoincrement": table._autoincrement_column is column,
            "client_default": column.default is not None,
        }

    def name_of(self, constraint):
        return compat.constraint_final_name(constraint, self.dialect) or ""

    def by_name(self, constraints):
        """(name, constraint) pairs sorted by name, each name worked out once."""
        named = [(self.name_of(c), c) for c in constraints]
        named.sort(key=lambda pair: pair[0])
        return named

    def table(self, table):
        out = {
            "schema": table.schema or "",
            "name": table.name,
            "comment": table.comment,
            "columns": [self.column(table, c) for c in table.columns
                        if self.keep(c, c.name, "column")],
            "primary_key": None,
            "uniques": [],
            "checks": [],
            "foreign_keys": [],
            "indexes": [],
        }
        pk = table.primary_key
        if pk is not None and len(pk.columns):
            out["primary_key"] = {"name": self.name_of(pk), "columns": [c.name for c in pk.columns]}
        for name, constraint in self.by_name(table.constraints):
            if isinstance(constraint, sa.UniqueConstraint):
                if self.keep(constraint, name or None, "unique_constraint"):
                    out["uniques"].append({
                        "name": name, "columns": [c.name for c in constraint.columns],
                        "nulls_not_distinct": bool(constraint.dialect_kwargs.get(
                            "postgresql_nulls_not_distinct", False))})
            elif isinstance(constraint, sa.CheckConstraint):
                out["checks"].append({"name": name, "expression": self.sql(constraint.sqltext)})
        for fk in table.foreign_key_constraints:
            name = self.name_of(fk)
            if not self.keep(fk, name or None, "foreign_key_constraint"):
                continue
            targets = [element.target_fullname for element in fk.elements]
            referred = targets[0].rsplit(".", 1)[0] if targets else ""
            referred_schema, _, referred_table = referred.rpartition(".")
            out["foreign_keys"].append({
                "name": name,
                "columns": [element.parent.name for element in fk.elements],
                "referred_schema": referred_schema,
                "referred_table": referred_table,
                "referred_columns": [t.rsplit(".", 1)[1] for t in targets],
                "on_delete": (fk.ondelete or "").upper(),
                "on_update": (fk.onupdate or "").upper(),
                "deferrable": bool(fk.deferrable),
                "initially_deferred": (fk.initially or "").upper() == "DEFERRED",
            })
        for name, index in self.by_name(table.indexes):
            if not self.keep(index, name or None, "index"):
                continue
            options = index.dialect_options[self.dialect.name]
            where = options.get("where")
            elements = [e.name if isinstance(e, sa.Column) else self.sql(e)
                        for e in index.expressions]
            out["indexes"].append({
                "name": name,
                "unique": bool(index.unique),
                "method": (options.get("using") or "") if self.postgres else "",
                "elements": elements,
                "include": [getattr(c, "name", c) for c in (options.get("include") or [])]
                if self.postgres else [],
                "predicate": self.sql(where) if where is not None else None,
                "nulls_not_distinct": bool(index.dialect_kwargs.get(
                    "postgresql_nulls_not_distinct", False)),
            })
        return out

    def enums(self, tables):
        if not self.postgres:
            return []
        seen = {}
        for table in tables:
            for column in table.columns:
                type_ = column.type
                if isinstance(type_, sa.Enum) and type_.native_enum and type_.name:
                    key = (type_.schema or "", type_.name)
                    seen.setdefault(key, list(type_.enums))
        return [{"schema": k[0], "name": k[1], "labels": v} for k, v in sorted(seen.items())]

    def sequences(self, metadatas):
        if not self.postgres:
            return []
        out = []
        for metadata in metadatas:
            for sequence in getattr(metadata, "_sequences", {}).values():
                if not self.keep(sequence, sequence.name, "sequence"):
                    continue
                out.append({
                    "schema": sequence.schema or "",
                    "name": sequence.name,
                    "data_type": sequence.data_type.compile(dialect=self.dialect)
                    if getattr(sequence, "data_type", None) is not None else "",
                    "start": sequence.start if sequence.start is not None else 1,
                    "increment": sequence.increment if sequence.increment is not None else 1,
                })
        return out


def _reflected_excluded(reflected, include_name, include_object):
    """Names of database objects the project's hooks filter out, as autogenerate would."""
    excluded = {"tables": [], "columns": [], "indexes": [], "unique_constraints": [],
                "foreign_keys": []}
    if include_name is None and include_object is None:
        return excluded
    for item in reflected.get("tables", []):
        schema = item.get("schema") or None
        qualified = (schema + "." if schema else "") + item["name"]
        parents = {"schema_name": schema}
        if include_name is not None and not include_name(item["name"], "table", parents):
            excluded["tables"].append(qualified)
            continue
        table = sa.Table(item["name"], sa.MetaData(), *[
            sa.Column(c, sa.types.NullType()) for c in item.get("columns", [])], schema=schema)
        if include_object is not None and not include_object(table, item["name"], "table", True, None):
            excluded["tables"].append(qualified)
            continue
        parents = {"schema_name": schema, "table_name": item["name"],
                   "schema_qualified_table_name": qualified}
        for kind, key in (("column", "columns"), ("index", "indexes"),
                          ("unique_constraint", "unique_constraints"),
                          ("foreign_key_constraint", "foreign_keys")):
            for name in item.get(key, []):
                keep = include_name is None or include_name(name, kind, parents)
                if keep and include_object is not None and kind == "column":
                    keep = include_object(table.c[name], name, kind, True, None)
                if not keep:
                    excluded[key].append(qualified + "." + name)
    return excluded


# The models' part of the export (everything but "excluded", which needs the reflected
# names), computed by prepare_export while migsafe reflects the database on another
# thread; export_schema takes it from here when the session, spec and dialect match.
_prepared = {}


def _export_models(session, spec, dialect_name):
    dialect = _dialect(dialect_name)

    options = {}
    if spec:
        metadatas = [_load_metadata(spec, session.folder)]
        try:
            options = _env_options(session, dialect_name)
        except Exception:  # noqa: BLE001 - the hooks are optional when --metadata is given
            options = {}
    else:
        options = _env_options(session, dialect_name)
        metadatas = _as_list(options.get("target_metadata"))
        if not metadatas:
            raise ValueError(
                "env.py passes no target_metadata to context.configure(); pass "
                "--metadata module:attr (e.g. app.models:Base.metadata)")
    # The models now live until migsafe exits, with Alembic and SQLAlchemy: frozen, they
    # are left out of later collections. Otherwise the next full collection, which the
    # export's own allocations soon trigger, walks all of them for nothing (0.1 s at
    # 1,000 tables).
    gc.freeze()
    include_object = options.get("include_object")
    include_name = options.get("include_name")
    version_table = options.get("version_table") or "alembic_version"

    exporter = _Exporter(dialect, include_object, include_name)
    tables = []
    for metadata in metadatas:
        for table in metadata.sorted_tables:
            if table.name == version_table:
                continue
            if exporter.keep(table, table.name, "table"):
                tables.append(table)
    return {
        "tables": [exporter.table(t) for t in tables],
        "enums": exporter.enums(tables),
        "sequences": exporter.sequences(metadatas),
        "hooks": (include_name, include_object),
        "version_table": version_table,
    }


def _key(session, request):
    return (id(session), request.get("metadata") or "", request.get("dialect") or "postgresql")


def prepare_export(session, argument):
    """argument: JSON {"metadata", "dialect"} as for export_schema. Runs env.py and exports
    the models ahead of export_schema (migsafe calls it while it reflects the database).
    Never raises: on any error nothing is kept, and export_schema redoes the work and
    reports the error as it always has. Returns whether the export was kept."""
    _prepared.clear()
    try:
        request = json.loads(argument)
        models = _export_models(session, request.get("metadata") or "",
                                request.get("dialect") or "postgresql")
    except (Exception, SystemExit):  # noqa: BLE001 - export_schema reports it
        return False
    _prepared[_key(session, request)] = models
    return True


def export_schema(session, argument):
    """argument: JSON {"metadata": "module:attr" or "", "dialect": "postgresql"|"sqlite",
    "reflected": {"tables": [{"schema", "name", "columns": [...], "indexes": [...], ...}]}}.
    Returns JSON {"tables", "enums", "sequences", "excluded"}."""
    request = json.loads(argument)
    models = _prepared.pop(_key(session, request), None)
    _prepared.clear()
    if models is None:
        models = _export_models(session, request.get("metadata") or "",
                                request.get("dialect") or "postgresql")
    include_name, include_object = models.pop("hooks")
    return json.dumps({
        "tables": models["tables"],
        "enums": models["enums"],
        "sequences": models["sequences"],
        "excluded": _reflected_excluded(request.get("reflected") or {}, include_name,
                                        include_object),
        "version_table": models["version_table"],
    })


def has_models(session, dialect_name):
    """Whether env.py hands Alembic a target_metadata: projects that do not use
    autogenerate have no models for migsafe to compare."""
    options = _env_options(session, dialect_name or "postgresql")
    return bool(_as_list(options.get("target_metadata")))
