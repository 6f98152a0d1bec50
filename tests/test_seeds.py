"""Acceptance on the two seed documents in ../shared/seeds (skipped when ../shared is absent)."""

import pytest

from outline_extractor import parse_file, render
from outline_extractor.evaluate import normalize_title, predicted_headings, read_ground_truth, score_headings

SPEECH = "000_67d1f0604abfdd75"
HOST = "001_cf5243fc470c4898"


@pytest.mark.parametrize("name", [SPEECH, HOST])
def test_seed_matches_its_ground_truth(shared_dir, name):
    seeds = shared_dir / "seeds"
    document = parse_file(seeds / f"{name}.txt")
    score = score_headings(read_ground_truth(seeds / f"{name}.gt.tsv"), predicted_headings(document))
    assert (score.missed, score.extra) == ([], [])
    assert score.depth_accuracy == 1.0


def test_our_outline_is_an_in_order_part_of_the_published_one(shared_dir):
    path = shared_dir / "seeds" / f"{SPEECH}.txt"
    published_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert published_line.startswith("【提纲】")
    published = [normalize_title(h) for h in published_line.removeprefix("【提纲】").split("。") if h]
    ours = [normalize_title(h) for h in render(parse_file(path), "outline").removeprefix("【提纲】").split("。") if h]
    assert len(ours) == 11
    position = 0
    for heading in ours:
        assert heading in published[position:], heading
        position = published.index(heading, position) + 1
