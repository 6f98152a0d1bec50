"""Dump the JSON (and the one-line outline) of every document, to compare two versions' outputs.

    python benchmarks/dump_outputs.py OUT_DIR
    diff -r BASELINE_DIR OUT_DIR    # no output: nothing changed

Documents: fixtures/*.txt (not the expected .outline.txt/.tree.txt), tests/documents/*.txt,
../shared/corpus/*.txt and ../shared/seeds/*.txt. One file per document and format, named
`<folder>__<stem>.<format>`. The source path is written relative, so dumps from different
worktrees compare equal. Besides: each input shape of the cost curve (benchmarks/shapes.py)
at 30 KB, named `shape__<n>`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from outline_extractor import parse_file, parse_text, render

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shapes import all_shapes  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {
    "fixtures": ROOT / "fixtures",
    "documents": ROOT / "tests" / "documents",
    "corpus": ROOT.parent / "shared" / "corpus",
    "seeds": ROOT.parent / "shared" / "seeds",
}


def documents() -> list[tuple[str, Path]]:
    found = []
    for name, folder in FOLDERS.items():
        for path in sorted(folder.glob("*.txt")):
            if not path.name.endswith((".outline.txt", ".tree.txt")):
                found.append((name, path))
    return found


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    os.chdir(ROOT)  # relative source paths
    for folder, path in documents():
        document = parse_file(os.path.relpath(path, ROOT))
        for fmt in ("json", "outline"):
            (out / f"{folder}__{path.stem}.{fmt}").write_text(render(document, fmt), encoding="utf-8")
    for number, make in enumerate(all_shapes(FOLDERS["corpus"]).values()):
        document = parse_text(make(30_000))
        for fmt in ("json", "outline"):
            (out / f"shape__{number:02d}.{fmt}").write_text(render(document, fmt), encoding="utf-8")
    print(f"{len(documents())} documents dumped to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
