import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: a first example pays for lazily compiled regexes, and CI shares a
# loaded 2-core machine; the suites keep their example counts small instead.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

# The tests' own compiled-pattern cache (recache.py), not the user's: a run starts without one,
# its CLI subprocesses fill it, and nothing a test run computes is left in ~/.cache.
os.environ["OUTLINE_EXTRACTOR_CACHE_DIR"] = tempfile.mkdtemp(prefix="outline-extractor-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def outline_of(document):
    """(level, kind, marker) of every node, in document order."""
    return [(node.level, node.kind, node.marker) for node in document.nodes()]


@pytest.fixture
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project (the seeds and corpus live there)")
    return SHARED
