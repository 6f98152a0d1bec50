"""The shared corpus and seeds (../shared, skipped when absent): every document parses, with
the diagnostics its damage calls for, and the accuracy stays above the bar."""

import json

import pytest

from outline_extractor import parse_file
from outline_extractor.evaluate import Score, predicted_headings, read_agenda, read_ground_truth, score_agenda, score_headings

from .conftest import SHARED

CORPUS = sorted((SHARED / "corpus").glob("*.txt")) if SHARED.is_dir() else []
GROUND_TRUTH = sorted((SHARED / "seeds").glob("*.gt.tsv")) + sorted((SHARED / "corpus" / "annotations").glob("*.gt.tsv"))


def text_for(gt):
    name = gt.name.removesuffix(".gt.tsv") + ".txt"
    return gt.parent / name if (gt.parent / name).exists() else gt.parent.parent / name


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_every_corpus_document_parses(path):
    document = parse_file(path)
    assert document.source.chars == len(document.text)
    assert all(node.span.end <= len(document.text) for node in document.nodes())


#: damage the corpus README and MANIFEST describe, and the diagnostic it calls for
DAMAGE = {
    "wr_2026_beijing": {"cruft-removed"},
    "wr_2026_gansu": {"cruft-removed"},
    "wr_2026_jiangxi": {"cruft-removed"},
    "wr_2026_ningxia": {"cruft-removed"},
    "wr_2026_qinghai": {"cruft-removed"},
    "wr_2026_sichuan": {"cruft-removed", "duplicate-paragraph"},
    "wr_2026_xizang": {"cruft-removed"},
    "wr_2026_yunnan": {"cruft-removed"},
}


@pytest.mark.parametrize("name,codes", sorted(DAMAGE.items()))
def test_damage_is_reported(shared_dir, name, codes):
    document = parse_file(shared_dir / "corpus" / f"{name}.txt")
    assert codes <= {d.code for d in document.diagnostics}


@pytest.mark.parametrize("gt", GROUND_TRUTH, ids=lambda p: p.name)
def test_expected_diagnostics_and_metadata(gt):
    meta_file = gt.with_name(gt.name.replace(".gt.tsv", ".meta.json"))
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    document = parse_file(text_for(gt))
    assert set(meta.get("expect_diagnostics", [])) <= {d.code for d in document.diagnostics}
    assert document.title == meta["title"]
    assert document.doc_type == meta["doc_type"]
    declared = {d.phrase: d for d in document.meta.declared_counts}
    for phrase, count in meta.get("declared_counts", {}).items():
        match = next(d for p, d in declared.items() if phrase in p)
        assert match.count == count and match.found == count


def test_accuracy_bar(shared_dir):
    total, agenda = Score(), Score()
    for gt in GROUND_TRUTH:
        document = parse_file(text_for(gt))
        total.add(score_headings(read_ground_truth(gt), predicted_headings(document)))
        agenda_file = gt.with_name(gt.name.replace(".gt.tsv", ".agenda.tsv"))
        if agenda_file.exists():
            agenda.add(score_agenda(read_agenda(agenda_file), document))
    assert total.f1 >= 0.97 and total.depth_accuracy >= 0.97
    assert agenda.expected == 0 or agenda.f1 >= 0.97
