"""Score the parser against every ground-truth file it is pointed at (CONTRACT §4).

    python benchmarks/accuracy.py ../shared/seeds ../shared/corpus/annotations [-v]

For each NAME.gt.tsv the text is NAME.txt beside it or one folder up. Prints one row per
document and a total (micro-averaged); -v lists missed and extra headings. NAME.agenda.tsv
files are scored the same way against the parsed agenda.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from outline_extractor import parse_file
from outline_extractor.evaluate import Score, read_agenda, read_ground_truth, predicted_headings, score_agenda, score_headings


def find_text(gt: Path) -> Path | None:
    name = gt.name[: -len(".gt.tsv")] + ".txt"
    for folder in (gt.parent, gt.parent.parent):
        if (folder / name).exists():
            return folder / name
    return None


def ground_truth_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.gt.tsv")) if path.is_dir() else [path])
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", help="folders holding *.gt.tsv, or single .gt.tsv files")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed and extra headings")
    args = parser.parse_args(argv)

    total, agenda_total = Score(), Score()
    rows = []
    for gt in ground_truth_files(args.paths):
        text = find_text(gt)
        if text is None:
            print(f"skip {gt}: no text beside it", file=sys.stderr)
            continue
        document = parse_file(text)
        score = score_headings(read_ground_truth(gt), predicted_headings(document))
        total.add(score)
        agenda_file = gt.with_name(gt.name.replace(".gt.tsv", ".agenda.tsv"))
        agenda = ""
        if agenda_file.exists():
            agenda_score = score_agenda(read_agenda(agenda_file), document)
            agenda_total.add(agenda_score)
            agenda = f"{agenda_score.f1:.2f}"
        rows.append((text.stem, score, agenda))
        if args.verbose:
            for heading in score.missed:
                print(f"  {text.stem}: missed {heading.depth} {heading.marker}{heading.title}", file=sys.stderr)
            for heading in score.extra:
                print(f"  {text.stem}: extra  {heading.depth} {heading.marker}{heading.title}", file=sys.stderr)

    print("| document | expected | found | matched | precision | recall | F1 | depth acc. | agenda F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, score, agenda in rows:
        print(_row(name, score, agenda))
    print(_row("**total**", total, f"{agenda_total.f1:.2f}" if agenda_total.expected else ""))
    return 0


def _row(name: str, s: Score, agenda: str) -> str:
    return (
        f"| {name} | {s.expected} | {s.predicted} | {s.matched} | {s.precision:.3f} | {s.recall:.3f} "
        f"| {s.f1:.3f} | {s.depth_accuracy:.3f} | {agenda} |"
    )


if __name__ == "__main__":
    sys.exit(main())
