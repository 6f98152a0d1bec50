"""The Dask path: on a LocalCluster of 2 worker processes, the records equal local `batch` output."""

import json
from pathlib import Path

import pytest

from outline_extractor.archive.batch import run_batch
from outline_extractor.dask import flat_row

NOTICE_RECORD = {
    "source": {"path": "a.txt", "sha256": "00"},
    "title": "通知",
    "doc_type": "通知",
    "outline": [{"kind": "heading", "children": [{"kind": "item", "children": []}, {"kind": "heading", "children": []}]}],
    "diagnostics": [{"code": "x"}],
}


def test_flat_row():
    row = flat_row(NOTICE_RECORD)
    assert row["headings"] == 2 and row["diagnostics"] == 1 and row["error"] is None
    assert json.loads(row["outline"]) == NOTICE_RECORD["outline"]
    failed = flat_row({"source": {"path": "b.bin", "sha256": None}, "error": {"type": "InputError", "message": "m"}})
    assert failed["error"] == "InputError: m" and failed["headings"] == 0 and failed["outline"] == "[]"


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed", reason="the [dask] extra is not installed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        yield client


def test_records_equal_local_batch(shared_dir, client, tmp_path):
    from outline_extractor.dask import parse_bag, to_jsonl, to_parquet

    pattern = str(shared_dir.resolve() / "corpus" / "*.txt")
    run_batch([pattern], tmp_path / "local.jsonl", jobs=1)
    local = {r["source"]["path"]: r for r in map(json.loads, (tmp_path / "local.jsonl").read_text("utf-8").splitlines())}
    assert len(local) > 20

    bag = parse_bag(pattern, blocksize=200_000)
    assert bag.npartitions > 2
    bag = bag.persist()  # parsed once for the three uses below
    remote = bag.compute()
    assert len(remote) == len(local)
    assert {r["source"]["path"]: r for r in remote} == local

    files = to_jsonl(bag, str(tmp_path / "jsonl"))
    lines = [line for name in files for line in Path(name).read_text(encoding="utf-8").splitlines()]
    assert sorted(json.loads(line)["source"]["path"] for line in lines) == sorted(local)

    import pyarrow.parquet as pq

    to_parquet(bag, str(tmp_path / "parquet"))
    rows = pq.read_table(tmp_path / "parquet").to_pylist()
    assert sorted(row["path"] for row in rows) == sorted(local)
    assert rows[0] == flat_row(local[rows[0]["path"]])
    assert json.loads(rows[0]["outline"]) == local[rows[0]["path"]]["outline"]


def test_documents_pickle_with_their_text():
    """Workers (dask, batch) send documents between processes: a parsed document must pickle whole."""
    import pickle

    from outline_extractor import parse_text

    document = parse_text("关于做好防汛工作的通知\n一、加强组织领导\n二、做好物资储备\n")
    again = pickle.loads(pickle.dumps(document))
    assert again == document and again.text == document.text
    assert [n.marker for n in again.nodes()] == ["一、", "二、"]


def test_fsspec_urls_and_unreadable_files():
    """Any fsspec URL reads (here the in-memory filesystem, in this process); a bad file is an error record."""
    fsspec = pytest.importorskip("fsspec")
    pytest.importorskip("dask")
    from outline_extractor.dask import parse_bag

    memory = fsspec.filesystem("memory")
    memory.pipe("/archive/notice.txt", "关于做好防汛工作的通知\n一、加强组织领导\n二、做好物资储备\n".encode("gbk"))
    memory.pipe("/archive/noise.txt", bytes(range(256)) * 4)
    found = parse_bag("memory://archive/*.txt").compute(scheduler="sync")
    by_path = {r["source"]["path"]: r for r in found}
    assert sorted(by_path) == ["memory:///archive/noise.txt", "memory:///archive/notice.txt"]  # fsspec's own form
    assert [n["marker"] for n in by_path["memory:///archive/notice.txt"]["outline"]] == ["一、", "二、"]
    assert by_path["memory:///archive/notice.txt"]["source"]["encoding"] == "gb18030"
    assert by_path["memory:///archive/noise.txt"]["error"]["type"] == "InputError"
