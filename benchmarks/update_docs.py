"""Copies the latest tables from benchmarks/results/*.md into docs/benchmarks.md between markers."""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
MARKER = re.compile(r"(<!-- results:(?P<name>[\w-]+) -->\n)(.*?)(<!-- /results:(?P=name) -->)",
                    re.S)


def main():
    readme = ROOT / "docs" / "benchmarks.md"
    text = readme.read_text()
    missing = []

    def fill(match):
        path = ROOT / "benchmarks" / "results" / (match.group("name") + ".md")
        if not path.exists():
            missing.append(str(path))
            return match.group(0)
        body = path.read_text().strip()
        # The page's section has its own heading: drop the file's title.
        if body.startswith("# "):
            body = body.split("\n", 1)[1].strip() if "\n" in body else ""
        # Accuracy files end in long per-cause and per-run tables: the page keeps the
        # summary and links the file for the rest.
        cut = body.find("\n## Per ")
        if cut >= 0:
            body = body[:cut].rstrip() + "\n\nPer cause and per run: [`%s`](../%s)." % (
                path.name, path.relative_to(ROOT).as_posix())
        # Demote the result file's headings below the page section's.
        body = re.sub(r"^(#+) ", lambda m: "#" * (len(m.group(1)) + 1) + " ", body, flags=re.M)
        return match.group(1) + body + "\n" + match.group(4)

    readme.write_text(MARKER.sub(fill, text))
    for path in missing:
        print("no results yet:", path, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
