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
