"""Every use of Alembic's private API, in one place.

Alembic's public API runs env.py (ScriptDirectory.run_env, EnvironmentContext), but the
migration function it hands env.py is built by alembic.command from private methods;
migsafe builds the same functions. tests/analyzer/alembic/compat_test.cpp checks each
behaviour relied on here, on Alembic 1.8 (Debian 12) and 1.13 (the trixie virtualenv).
"""

import contextlib


def upgrade_steps(script, target, current_heads):
    """What alembic.command.upgrade runs: the steps from the current heads to target."""
    return script._upgrade_revs(target, current_heads)


def downgrade_steps(script, target, current_heads):
    """What alembic.command.downgrade runs."""
    return script._downgrade_revs(target, current_heads)


def downgrade_step(script, revision):
    """The step `alembic downgrade` runs for one revision."""
    from alembic.runtime.migration import MigrationStep
    return MigrationStep.downgrade_from_script(script.revision_map,
                                               script.get_revision(revision))


def stamp_steps(script, destination, current_heads):
    """What alembic.command.stamp runs: version-table changes only, no migration code."""
    return script._stamp_revs(destination, current_heads)


class _StepThatKeepsGoing:
    """A migration step whose migration function reports an exception to on_failure
    instead of ending the run. Alembic's run_migrations reads the step's attributes
    (short_log, is_upgrade, the revisions it moves between) and calls migration_fn."""

    def __init__(self, step, on_failure):
        self._step = step
        self._on_failure = on_failure

    def __getattr__(self, name):
        return getattr(self._step, name)

    def __str__(self):
        return str(self._step)

    @property
    def migration_fn(self):
        run = self._step.migration_fn

        def guarded(**kw):
            try:
                run(**kw)
            except Exception as exc:  # noqa: B902 - any failure of the revision's code
                self._on_failure(self._step, exc)

        return guarded


def steps_that_keep_going(steps, on_failure):
    """The steps, each reporting a failure of its revision's code to
    on_failure(step, exception) so the run goes on with the next one (offline lint)."""
    return [_StepThatKeepsGoing(step, on_failure) for step in steps]


def locate_batch_operations():
    """Makes each batch_op.* operation known by the line that called it (locations.py,
    "batch_alter_table"): BatchOperationsImpl keeps its operations in `self.batch` and
    runs them in flush()."""
    import sys

    from alembic.operations.batch import BatchOperationsImpl

    from . import locations

    if getattr(BatchOperationsImpl, "__migsafe_located__", False):
        return

    class LocatedBatch(list):
        def __init__(self):
            super().__init__()
            self.origins = []

        def append(self, entry):
            super().append(entry)
            self.origins.append(locations.caller_outside_libraries(sys._getframe(1)))

        def __iter__(self):
            for index in range(len(self)):
                locations.set_batch_origin(self.origins[index])
                yield self[index]
            locations.set_batch_origin(None)  # the table copy that follows is the block's

    original_init = BatchOperationsImpl.__init__
    original_flush = BatchOperationsImpl.flush

    def __init__(self, *args, **kw):
        original_init(self, *args, **kw)
        self.batch = LocatedBatch()

    def flush(self):
        try:
            original_flush(self)
        except BaseException as exc:
            origin = locations.batch_origin()
            if origin is not None and not hasattr(exc, "__migsafe_origin__"):
                try:
                    exc.__migsafe_origin__ = origin
                except AttributeError:
                    pass
            raise
        finally:
            locations.set_batch_origin(None)

    BatchOperationsImpl.__init__ = __init__
    BatchOperationsImpl.flush = flush
    BatchOperationsImpl.__migsafe_located__ = True


def build_revision_map(script):
    """Builds Alembic's map of the revision files (it imports each once, and warns about or
    trips over a broken graph); later uses reuse it."""
    return script.revision_map._revision_map


def version_folders(script):
    """The folders Alembic reads revision files from."""
    return list(script._version_locations)


def cycle_error_types():
    from alembic.script.revision import CycleDetected
    return (CycleDetected,)


def step_revision(step):
    """The revision id a migration step runs (None for a step that runs none)."""
    revision = getattr(step, "revision", None)
    return getattr(revision, "revision", None)


@contextlib.contextmanager
def offline_output(capture):
    """Calls capture(impl, text) for each statement Alembic prints in offline mode,
    instead of writing it to the output buffer."""
    from alembic.ddl.impl import DefaultImpl

    original = DefaultImpl.static_output
    DefaultImpl.static_output = capture
    try:
        yield
    finally:
        DefaultImpl.static_output = original


def constraint_final_name(constraint, dialect):
    """The name a constraint gets in DDL once the naming convention applied."""
    from alembic.util.sqla_compat import _get_constraint_final_name

    return _get_constraint_final_name(constraint, dialect)
