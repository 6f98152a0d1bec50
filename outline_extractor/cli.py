"""The command line of CONTRACT §1. stdout carries only the requested output."""

import errno
import gc
import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .models import Document
from .pipeline import keep_results_frozen, parse_file
from .readers import InputError
from .render import render
from .render.as_json import to_dict
from .render.common import RenderOptions

PROG = "outline-extractor"

app = typer.Typer(
    name=PROG,
    help="Extract the numbered outline (提纲), agenda and metadata of Chinese official texts.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    json = "json"
    outline = "outline"
    markdown = "markdown"
    tree = "tree"


def error(message: str) -> None:
    """One line on stderr."""
    sys.stderr.write(f"{PROG}: error: {message}\n")


def write_output(text: str, output: Optional[Path]) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()  # a full disk fails here, inside main()'s guard, not at exit
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        error(f"{output}: cannot write ({exc.strerror or exc})")
        raise typer.Exit(2) from None


def read_cruft_file(path: Optional[Path]) -> list[str]:
    """Extra boilerplate patterns: one regex a line, # comments."""
    if path is None:
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        error(f"{path}: cannot read the cruft patterns ({getattr(exc, 'strerror', None) or exc})")
        raise typer.Exit(2) from None
    patterns = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            error(f"{path}: bad pattern {pattern!r}: {exc}")
            raise typer.Exit(2) from None
    return patterns


def parse_all(paths: list[str], cruft: list[str] | None = None) -> tuple[list[Document], bool]:
    """Parse each path; report unusable ones on stderr. Returns the documents and whether all were read."""
    documents, all_read = [], True
    for path in paths:
        try:
            documents.append(parse_file(path, cruft=cruft or []))
        except InputError as exc:
            error(str(exc))
            all_read = False
    return documents, all_read


@app.command()
def parse(
    paths: Annotated[list[str], typer.Argument(help="Files to read; - reads stdin.", metavar="PATH...")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.json,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    depth: Annotated[Optional[int], typer.Option("--depth", min=1, help="Keep levels 1..N only.")] = None,
    items: Annotated[bool, typer.Option("--items", help="Also show inline enumeration items (一是…；二是…).")] = False,
    indent: Annotated[int, typer.Option("--indent", min=0, help="JSON indentation; 0 for one line per document.")] = 2,
    cruft: Annotated[
        Optional[Path], typer.Option("--cruft", help="A file of extra boilerplate patterns to drop: one regex a line.")
    ] = None,
) -> None:
    """One document per PATH, as JSON (default), a 【提纲】 line, Markdown or a tree.

    Several PATHs give a JSON array, or one block per document for the text formats.
    """
    if _frozen:  # a process of its own (main() froze what it loaded): the documents live until it exits
        keep_results_frozen()
    documents, all_read = parse_all(paths, read_cruft_file(cruft))
    options = RenderOptions(depth=depth, items=items, indent=indent or None)
    if format is Format.json and len(paths) > 1:
        import json  # only here and in `schema`: a plain parse starts without it

        data = [to_dict(document, options) for document in documents]
        text = json.dumps(data, ensure_ascii=False, indent=indent or None, separators=None if indent else (",", ":"))
    else:
        separator = "\n" if format is Format.outline else "\n\n"
        text = separator.join(
            render(document, format.value, depth=depth, items=items, indent=indent or None) for document in documents
        )
    if documents:
        write_output(text, output)
    if not all_read:
        raise typer.Exit(2)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


class CheckKind(str, Enum):
    speech = "speech"
    gongwen = "gongwen"
    auto = "auto"


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files to proofread; - reads stdin.", metavar="PATH...")],
    format: Annotated[CheckFormat, typer.Option("--format", help="Findings as text lines or a JSON list.")] = CheckFormat.text,
    select: Annotated[Optional[str], typer.Option("--select", help="Only these rule codes, comma-separated.")] = None,
    ignore: Annotated[Optional[str], typer.Option("--ignore", help="Skip these rule codes, comma-separated.")] = None,
    kind: Annotated[Optional[CheckKind], typer.Option("--kind", help="Conventions to check against (default: auto).")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="Rewrite fixable markers in place, then report what is left.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the fixes as a unified diff; change no file.")] = False,
    max_heading_length: Annotated[
        Optional[int], typer.Option("--max-heading-length", min=1, help="Longest heading sentence (default 40).")
    ] = None,
) -> None:
    """Proofread the numbering: path:line:col: severity code message, one finding a line.

    Exit 1 when a finding is an error. Settings: [tool.outline-extractor.check] in the nearest
    pyproject.toml; flags replace them.
    """
    from .check.command import flag_overrides, run

    try:
        overrides = flag_overrides(select, ignore, kind.value if kind else None, max_heading_length)
    except InputError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    raise typer.Exit(run(paths, output_format=format.value, overrides=overrides, fix=fix, diff=diff, error=error))


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Folders, globs or files.", metavar="DIR_OR_GLOB...")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The JSONL file of records (CONTRACT §5).")],
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes; default: the cores; 1 = in this process.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip documents whose (path, sha256) is already in OUT.")] = False,
    recursive: Annotated[bool, typer.Option("--recursive", "-r", help="Also read the folders inside folders.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", min=0, help="Seconds one document may take before it becomes an error record; 0: no limit.")] = 60.0,
    header: Annotated[bool, typer.Option("--header", help="Also write each document's 【提纲】 line into it, in place.")] = False,
    depth: Annotated[Optional[int], typer.Option("--depth", min=1, help="Header levels 1..N only (with --header).")] = None,
) -> None:
    """Many documents, one JSON line each, written as each finishes; a summary on stderr.

    Exit 1 when any record is an error record.
    """
    from .archive.batch import BatchError, Options, run_batch

    options = Options(timeout=timeout, header=header, depth=depth)
    try:
        summary = run_batch(inputs, output, jobs=jobs, resume=resume, recursive=recursive, options=options,
                            progress=sys.stderr.isatty() and not quiet)
    except OSError as exc:
        error(f"{output}: cannot write ({exc.strerror or exc})")
        raise typer.Exit(2) from None
    except BatchError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    sys.stderr.write(f"{PROG} batch: {summary.text()}\n")
    if summary.interrupted:
        raise typer.Exit(130)
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def header(
    paths: Annotated[list[str], typer.Argument(help="Files to read.", metavar="PATH...")],
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Write the header into each file (text and .docx).")] = False,
    depth: Annotated[Optional[int], typer.Option("--depth", min=1, help="Keep levels 1..N only.")] = None,
) -> None:
    """The document with its 【提纲】 line on top, to stdout or written back with --in-place.

    An existing leading 【提纲】 line is replaced; a document without outline gets no header.
    """
    from .archive.header import HeaderError, text_with_header, write_header

    failed = False
    for path in paths:
        try:
            if in_place:
                try:
                    written = write_header(path, depth=depth)
                except OSError as exc:
                    raise HeaderError(f"{path}: cannot write ({exc.strerror or exc})") from None
                if written.status == "no-outline":
                    sys.stderr.write(f"{PROG}: note: {path}: no outline found; no header written\n")
                continue
            text, found = text_with_header(path, depth=depth)
            if not found:
                sys.stderr.write(f"{PROG}: note: {path}: no outline found; the text is printed without header\n")
            sys.stdout.write(text if text.endswith(("\n", "\r")) else text + "\n")
        except (InputError, HeaderError) as exc:
            error(str(exc))
            failed = True
    sys.stdout.flush()
    if failed:
        raise typer.Exit(2)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the document JSON."""
    import json

    write_output(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2), None)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind; the default answers this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
) -> None:
    """The HTTP API and the web page (needs the serve extra)."""
    from .serve.server import ServeError, run

    try:
        run(host, port)
    except ServeError as exc:
        error(str(exc))
        raise typer.Exit(2) from None


class _ClosedStdout:
    """Stands in for stdout when the shell closed it (`>&-`): writing fails like a bad fd."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")

    def flush(self) -> None:
        pass


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = _ClosedStdout()  # no descriptor to redirect: nothing left to flush


_frozen = False


def _freeze_what_is_loaded() -> None:
    """One command a process: what is loaded by now (Pydantic, Typer, the models, the tables)
    lives until it exits, so the cyclic collector stops traversing it, during the command and
    in the collection at exit (~20-40 ms of the CLI's CPU time). Once: a host calling main()
    again would freeze its own garbage for good."""
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True


def main() -> None:
    """The command. stdout that cannot be written (a full disk, closed) is one line on stderr
    and exit 2; a reader that went away (`| head -c 1`) ends it silently with exit 1, as click
    does for the pipes it sees first."""
    _freeze_what_is_loaded()
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    try:
        try:
            app(prog_name=PROG)
        finally:
            sys.stdout.flush()  # a write error shows here, not as a traceback at interpreter exit
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(1)
    except OSError as exc:
        _silence_stdout()
        where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
        error(f"{where}{exc.strerror or exc}")
        sys.exit(2)
