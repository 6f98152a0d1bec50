"""The optional path onto Dask: the batch records of CONTRACT §5 as a dask Bag.

    pip install 'outline-extractor[dask]'

    from outline_extractor.dask import parse_bag, to_jsonl, to_parquet
    bag = parse_bag("s3://archive/speeches/*.txt")      # or local paths, a glob, a list
    to_jsonl(bag, "out/")                                # one JSONL file per partition
    to_parquet(bag, "out.parquet/")                      # flat columns + the outline as JSON (pyarrow)

Each record is made by the same function the local `batch` uses, so both give the same records.
Parsing is a pure function of the bytes (no global state besides tables loaded on first use), so
any worker can take any document. dask, fsspec and pyarrow are imported here only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .archive.records import error_record, record_for_bytes, to_line
from .readers import InputError, read_file

#: Columns of `to_parquet`, with their Arrow types.
PARQUET_COLUMNS = {
    "path": "string",
    "sha256": "string",
    "title": "string",
    "doc_type": "string",
    "headings": "int64",
    "diagnostics": "int64",
    "error": "string",
    "outline": "string",
}


def parse_bag(paths_or_glob: str | Iterable[str], *, blocksize: int | None = None, storage_options: dict | None = None,
              **parse_options: Any):
    """A dask Bag of batch records (dicts), one per file.

    paths_or_glob: a path, a glob or a list of them, local or any fsspec URL (s3://, gs://, ...).
    blocksize: about this many input bytes per partition (documents are never split); by
    default dask's own split of the file list. parse_options: passed to `parse_bytes` (cruft=...).
    """
    import dask.bag as db
    import fsspec

    urlpath = paths_or_glob if isinstance(paths_or_glob, str) else list(paths_or_glob)
    files = fsspec.open_files(urlpath, mode="rb", **(storage_options or {}))
    if blocksize is None:
        return db.from_sequence(files).map(_record, parse_options)
    groups = _groups_by_size(files, blocksize)
    return db.from_sequence(groups, partition_size=1).map(_records, parse_options).flatten()


def _groups_by_size(files: list, blocksize: int) -> list[list]:
    sizes = files[0].fs.sizes([f.path for f in files]) if files else []
    groups, current, total = [], [], 0
    for openfile, size in zip(files, sizes):
        current.append(openfile)
        total += size or 0
        if total >= blocksize:
            groups.append(current)
            current, total = [], 0
    if current:
        groups.append(current)
    return groups


def _records(openfiles: list, parse_options: dict) -> list[dict]:
    return [_record(openfile, parse_options) for openfile in openfiles]


def _record(openfile, parse_options: dict) -> dict:
    """The record of one file; a local path reads as `batch` reads it (same error messages)."""
    local = "file" in _protocols(openfile.fs)
    path = openfile.path if local else openfile.fs.unstrip_protocol(openfile.path)
    try:
        if local:
            data = read_file(path, regular_only=True)  # as batch reads a folder
        else:
            with openfile as handle:
                data = handle.read()
    except InputError as exc:
        return error_record(path, None, "InputError", str(exc))
    except OSError as exc:
        return error_record(path, None, "InputError", f"{path}: cannot read ({exc})")
    return record_for_bytes(data, path, **parse_options)


def _protocols(fs) -> tuple[str, ...]:
    protocol = fs.protocol
    return (protocol,) if isinstance(protocol, str) else tuple(protocol)


def to_jsonl(bag, out_dir: str, **storage_options: Any) -> list[str]:
    """Write the records as JSONL, one file per partition (`out_dir/0.jsonl` ...); the file names."""
    target = out_dir.rstrip("/") + "/*.jsonl"
    return bag.map(to_line).to_textfiles(target, encoding="utf-8", last_endline=True,
                                         storage_options=storage_options or None)


def flat_row(record: dict) -> dict:
    """The Parquet row of a record: flat columns, and the outline as one JSON string."""
    source = record.get("source", {})
    error = record.get("error")
    return {
        "path": source.get("path"),
        "sha256": source.get("sha256"),
        "title": record.get("title"),
        "doc_type": record.get("doc_type"),
        "headings": sum(1 for node in _walk(record.get("outline", [])) if node["kind"] == "heading"),
        "diagnostics": len(record.get("diagnostics", [])),
        "error": f"{error['type']}: {error['message']}" if error else None,
        "outline": json.dumps(record.get("outline", []), ensure_ascii=False, separators=(",", ":")),
    }


def _walk(nodes: list[dict]):
    for node in nodes:
        yield node
        yield from _walk(node["children"])


def to_parquet(bag, out_dir: str, **storage_options: Any) -> list[str]:
    """Write the records as a Parquet dataset of `flat_row` columns, one file per partition
    (`out_dir/part.0.parquet` ...), with pyarrow alone (no dataframe layer); the file names."""
    import dask

    target = out_dir.rstrip("/")
    writes = [
        dask.delayed(_write_parquet)(part, f"{target}/part.{index}.parquet", storage_options)
        for index, part in enumerate(bag.map(flat_row).to_delayed())
    ]
    return list(dask.compute(*writes))


def _write_parquet(rows: list[dict], name: str, storage_options: dict) -> str:
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(column, getattr(pa, kind)()) for column, kind in PARQUET_COLUMNS.items()])
    with fsspec.open(name, "wb", auto_mkdir=True, **storage_options) as handle:
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), handle)
    return name
