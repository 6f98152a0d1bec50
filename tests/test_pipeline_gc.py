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
