"""The package's own source files, parsed for the tests that read their imports and docstrings."""

from __future__ import annotations

import ast
import pickle
import subprocess
import sys
from pathlib import Path

PARSE = "import ast, pickle, sys; sys.stdout.buffer.write(pickle.dumps(ast.parse(open(sys.argv[1]).read())))"


def parse(source: Path) -> ast.Module:
    """`ast.parse` of a file, in a Python process of its own.

    In a test process that had run many other tests, CPython 3.11.7 (this machine's) once failed `ast.parse` with
    "SystemError: AST constructor recursion depth mismatch": the counter it checks lives in interpreter-wide state,
    which other threads of the process can disturb. A process of its own runs nothing else.
    """
    parsed = subprocess.run([sys.executable, "-c", PARSE, str(source)], capture_output=True, check=True, timeout=60)
    tree = pickle.loads(parsed.stdout)  # our own child process's output
    assert isinstance(tree, ast.Module)
    return tree
