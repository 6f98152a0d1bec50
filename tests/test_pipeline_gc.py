"""The parse pauses the cyclic collector and hands its state back as it found it."""

import gc

from outline_extractor import parse_text

TEXT = "一、总体要求\n（一）指导思想。\n1.加强领导。一是压实责任；二是强化督查。\n"


def test_the_collector_is_on_again_and_nothing_stays_frozen():
    assert gc.isenabled()
    parse_text(TEXT)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # what the parse kept went to the oldest generation


def test_a_process_that_froze_objects_keeps_them_frozen():
    kept = [object() for _ in range(3)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        parse_text(TEXT)
        assert gc.isenabled() and gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    assert kept


def test_a_collector_turned_off_stays_off():
    gc.disable()
    try:
        parse_text(TEXT)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_one_command_process_keeps_what_it_parsed_frozen(monkeypatch):
    """The command line's `parse` froze what it loaded; the parse's results are frozen too
    (not left young for the collector to walk, nor moved to the oldest generation, which would
    unfreeze the process's own)."""
    from outline_extractor import pipeline

    monkeypatch.setattr(pipeline, "_results_frozen", False)
    pipeline.keep_results_frozen()
    kept = [object() for _ in range(3)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        document = parse_text(TEXT)
        assert gc.isenabled() and gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
    assert kept and document.outline
