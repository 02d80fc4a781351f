"""Where Python code is: file, line and 1-based column of frames, and of a revision
file's upgrade() and downgrade()."""

import ast
import functools
import os


@functools.lru_cache(maxsize=256)
def _positions(code):
    """The code's position table, decoded once: a squashed revision's upgrade() has tens
    of thousands of instructions and records a statement from most of its calls."""
    return tuple(code.co_positions())


def _position(code, lasti, fallback_line):
    """Line and 1-based column of the instruction at lasti (Python 3.11+ positions)."""
    try:
        positions = _positions(code)
    except (AttributeError, TypeError, ValueError):
        return fallback_line, 0
    index = lasti // 2
    if index >= len(positions):
        return fallback_line, 0
    line, _end_line, column, _end_column = positions[index]
    return (line or fallback_line, (column + 1) if column is not None else 0)


@functools.lru_cache(maxsize=4096)
def _absolute_path(filename):
    return os.path.normpath(filename)


def absolute_filename(code):
    """The code's file as an absolute path; called for every frame of every statement
    recorded, so absolute names are normalised once."""
    filename = code.co_filename
    if os.path.isabs(filename):
        return _absolute_path(filename)
    return os.path.abspath(filename)


def traceback_frames(tb):
    """(filename, line, column, function) of each frame, outermost first."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        line, column = _position(code, tb.tb_lasti, tb.tb_lineno)
        frames.append((absolute_filename(code), line, column, code.co_name))
        tb = tb.tb_next
    return frames


def stack_files(frame):
    """(filename, function, frame) of each live frame, innermost first, without their
    positions: those cost a walk of the code's position table, paid only where wanted
    (frame_position)."""
    files = []
    while frame is not None:
        files.append((absolute_filename(frame.f_code), frame.f_code.co_name, frame))
        frame = frame.f_back
    return files


def frame_position(frame):
    """Line and 1-based column of the call a live frame is making."""
    return _position(frame.f_code, frame.f_lasti, frame.f_lineno)


def function_lines(path):
    """Lines of `def upgrade` and `def downgrade` in a revision file (0 when absent)."""
    try:
        with open(path, "rb") as source:
            tree = ast.parse(source.read(), path)
    except (OSError, SyntaxError, ValueError):
        return 0, 0
    lines = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines[node.name] = node.lineno
    return lines.get("upgrade", 0), lines.get("downgrade", 0)


# --- batch_alter_table ---------------------------------------------------------------
# Alembic runs a batch block's operations when the `with` block ends, so the stack then
# points at the `with` line. compat.locate_batch_operations() remembers where each
# batch_op.* call was made and sets it here while that operation runs.

_batch = {"origin": None}  # (file, line, column) of the batch_op.* call running now

def _library_folders():
    import alembic
    import sqlalchemy
    return tuple(os.path.dirname(os.path.abspath(module.__file__)) + os.sep
                 for module in (alembic, sqlalchemy))


def caller_outside_libraries(frame):
    """(file, line, column) of the innermost frame that is neither Alembic's nor
    SQLAlchemy's nor migsafe's own (bundled: "<migsafe ...>"): where the user's code
    made the call."""
    libraries = _library_folders()
    for filename, _name, live in stack_files(frame):
        if not filename.startswith(libraries) and "<" not in filename:
            return (filename,) + frame_position(live)
    return None


def set_batch_origin(origin):
    _batch["origin"] = origin


def batch_origin():
    return _batch["origin"]
