"""Where Python code is: file, line and 1-based column of frames, and of a revision
file's upgrade() and downgrade()."""

import ast
import os


def _position(code, lasti, fallback_line):
    """Line and 1-based column of the instruction at lasti (Python 3.11+ positions)."""
    try:
        positions = code.co_positions()
        for index, position in enumerate(positions):
            if index == lasti // 2:
                line, _end_line, column, _end_column = position
                return (line or fallback_line, (column + 1) if column is not None else 0)
    except (AttributeError, TypeError, ValueError):
        pass
    return fallback_line, 0


def traceback_frames(tb):
    """(filename, line, column, function) of each frame, outermost first."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        line, column = _position(code, tb.tb_lasti, tb.tb_lineno)
        frames.append((os.path.abspath(code.co_filename), line, column, code.co_name))
        tb = tb.tb_next
    return frames


def stack_frames(frame):
    """(filename, line, column, function) of each live frame, innermost first."""
    frames = []
    while frame is not None:
        code = frame.f_code
        line, column = _position(code, frame.f_lasti, frame.f_lineno)
        frames.append((os.path.abspath(code.co_filename), line, column, code.co_name))
        frame = frame.f_back
    return frames


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
    for filename, line, column, _name in stack_frames(frame):
        if not filename.startswith(libraries) and "<" not in filename:
            return filename, line, column
    return None


def set_batch_origin(origin):
    _batch["origin"] = origin


def batch_origin():
    return _batch["origin"]
