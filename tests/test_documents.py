"""Documents written for this project as a blind set (tests/documents): each was annotated
by hand (NAME.gt.tsv, NAME.agenda.tsv for host scripts, NAME.expect.json for encoding,
diagnostics and metadata) before the parser ran on it. The parser must match every heading,
at its depth, every agenda item, and what the expect file says."""

import json

from pathlib import Path

import pytest

from outline_extractor import parse_file
from outline_extractor.evaluate import predicted_headings, read_agenda, read_ground_truth, score_agenda, score_headings

DOCUMENTS = sorted((Path(__file__).parent / "documents").glob("*.gt.tsv"))
EXPECTATIONS = sorted((Path(__file__).parent / "documents").glob("*.expect.json"))


@pytest.mark.parametrize("gt", DOCUMENTS, ids=lambda p: p.name.removesuffix(".gt.tsv"))
def test_document_matches_its_annotation(gt):
    document = parse_file(gt.with_name(gt.name.replace(".gt.tsv", ".txt")))
    score = score_headings(read_ground_truth(gt), predicted_headings(document))
    assert (score.missed, score.extra, score.depth_accuracy) == ([], [], 1.0)
    agenda = gt.with_name(gt.name.replace(".gt.tsv", ".agenda.tsv"))
    if agenda.exists():
        agenda_score = score_agenda(read_agenda(agenda), document)
        assert (agenda_score.missed, agenda_score.extra) == ([], [])


def test_the_traditional_document_is_big5():
    document = parse_file(Path(__file__).parent / "documents" / "traditional_speech_big5.txt")
    assert document.source.encoding == "big5"
    assert document.headings()[0].marker == "壹、"
    assert document.doc_type == "致辞" and document.meta.closing == "謝謝大家！"


def _spaces_folded(text):
    return " ".join(text.split()) if isinstance(text, str) else text


@pytest.mark.parametrize("path", EXPECTATIONS, ids=lambda p: p.name.removesuffix(".expect.json"))
def test_document_meets_its_expectations(path):
    expected = json.loads(path.read_text(encoding="utf-8"))
    document = parse_file(path.with_name(path.name.replace(".expect.json", ".txt")))
    if "encoding" in expected:
        assert document.source.encoding == expected["encoding"]
    assert sorted({d.code for d in document.diagnostics}) == expected["diagnostics"]
    assert (_spaces_folded(document.title), document.doc_type) == (_spaces_folded(expected["title"]), expected["doc_type"])
    meta = document.meta.model_dump()
    assert {key: meta[key] for key in expected.get("meta", {})} == expected.get("meta", {})
    if "declared_counts" in expected:
        found = sorted([d.count, d.line] for d in document.meta.declared_counts if d.count is not None)
        assert found == expected["declared_counts"]
