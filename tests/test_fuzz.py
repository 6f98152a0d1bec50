"""Bounded fuzzing: mutated texts of this project (byte flips, truncation, splicing, control
characters, markers, shuffled or repeated lines, other encodings, lone surrogates) parse to a
valid tree in document order, or bytes are refused with a reader.InputError.
benchmarks/fuzz.py runs the same cases by the hundred thousand."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outline_extractor import parse_text

from .fuzzing import check, corpus, make_case

TEXTS = corpus()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.randoms(use_true_random=False))
def test_mutated_texts_give_valid_trees_in_document_order(rng):
    case = make_case(rng, TEXTS, max_bytes=3000)
    document = case.parse()
    if document is not None:
        check(document)


@pytest.mark.parametrize(
    "text",
    ["一、总体\ud800要求\n二、其他", "\udcff\udcfe一是甲；二是乙。", "\ud83d"],
    ids=["in a title", "surrogateescape bytes", "alone"],
)
def test_lone_surrogates_are_replaced_and_reported(text):
    document = parse_text(text)
    check(document)
    assert "\ufffd" in document.text
    assert [d.code for d in document.diagnostics if d.code == "encoding"] == ["encoding"]


def test_cases_are_reproducible_from_their_seed():
    first = make_case(random.Random(7), TEXTS)
    again = make_case(random.Random(7), TEXTS)
    assert (first.steps, first.data) == (again.steps, again.data)
