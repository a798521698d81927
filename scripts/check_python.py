"""Fail early, in words, when the Python that would build the virtual environment is too old."""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 (this runs on whatever python3 is found)
    found = ".".join(map(str, sys.version_info[:3]))
    sys.exit(
        f"Lodestar needs Python 3.11 or newer; {sys.executable} is {found}. Try PYTHON=python3.11."
    )
