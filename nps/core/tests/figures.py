"""Figures a test measured, printed in the run's "figures" section (see the root conftest.py)."""

import os


def record(line: str) -> None:
    path = os.environ.get("NPS_TEST_FIGURES")
    if path:
        with open(path, "a") as figures:
            figures.write(line + "\n")
