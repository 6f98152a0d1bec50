"""Documents written for this project as a blind set (tests/documents): each was annotated
by hand (NAME.gt.tsv, and NAME.agenda.tsv for host scripts) before the parser ran on it.
The parser must match every heading, at its depth, and every agenda item."""

from pathlib import Path

import pytest

from outline_extractor import parse_file
from outline_extractor.evaluate import predicted_headings, read_agenda, read_ground_truth, score_agenda, score_headings

DOCUMENTS = sorted((Path(__file__).parent / "documents").glob("*.gt.tsv"))


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
