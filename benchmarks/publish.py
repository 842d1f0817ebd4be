"""Prints a benchmark's markdown table and writes it to its results file."""

import pathlib
import sys


def publish(text, out):
    """Print `text`; write it to `out` too unless `out` is empty."""
    print(text)
    if out:
        pathlib.Path(out).write_text(text + "\n", encoding="utf-8")
        sys.stderr.write(f"written to {out}\n")
    return 0
