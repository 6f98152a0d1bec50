"""The stages in order: read → normalise → detect → levels → tree → validate → Document."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path

from . import lazyre
from .boilerplate import Cruft, compile_user_patterns
from .detect import detect
from .levels import assign_levels
from .meeting import TreeIndex, declared_counts, find_agenda
from .metadata import published_outline, read_head
from .models import Diagnostic, Document, RefusedMarker, Source
from .normalize import normalize
from .readers import RawText, read_bytes, read_path
from .tree import build_tree
from .validate import count_diagnostics, numbering_diagnostics


#: Set by `keep_results_frozen` (the command line's `parse`).
_results_frozen = False


def keep_results_frozen() -> None:
    """For a process that parses and then exits (the command line's `parse`, which froze what
    it loaded: cli.main): what each parse made is frozen too, for good, instead of moved to the
    oldest generation (which would unfreeze what the process froze, and leaving it young made
    the collector walk it: ~70 ms for 1 MB of deep nesting). Not for a long-lived process:
    cyclic garbage among frozen objects is never collected."""
    global _results_frozen
    _results_frozen = True


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one document is parsed.

    A parse makes many small objects and no cycles worth collecting; left on, the collector
    rescans the growing heap again and again, which made time grow faster than the input
    (5 MB of dense markers: 12 s with it, 6 s without). Its previous state is restored.

    What the parse made and keeps (the Document: ~250,000 objects a MB of deep nesting) is
    then moved to the oldest generation at once, with every other object of the process
    (gc.freeze, then gc.unfreeze, which moves frozen objects there): left young, the first
    allocation after gc.enable() made the collector walk all of it only to find it alive (deep
    nesting: ~80 ms a MB). When the process has frozen objects of its own, which unfreeze
    would release, only a process that asked for it (`keep_results_frozen`) freezes; others
    leave the Document young.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if _results_frozen:
                gc.freeze()
            elif gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def parse_raw(raw: RawText, cruft: list[str] | tuple[str, ...] = ()) -> Document:
    """Run the stages on decoded input. `cruft`: extra boilerplate patterns (regexes, each
    matched against a whole line) to drop besides the built-in table."""
    with _collector_paused():
        return _parse(raw, compile_user_patterns(list(cruft)))


#: Read for every heading and every paragraph of a large input: in C, no bytecode each.
_PARAGRAPH_OF, _LINE_OF = attrgetter("candidate.paragraph"), attrgetter("line")


def _parse(raw: RawText, cruft: tuple[Cruft, ...]) -> Document:
    norm = normalize(raw.text, cruft=cruft)
    detection = detect(norm)
    levels = assign_levels(detection.headings, detection.boundaries)
    accepted, runs = levels.accepted, detection.runs
    del detection  # its headings are the levels' now
    first_heading = min(map(_PARAGRAPH_OF, accepted), default=None)
    refused = [
        RefusedMarker(r.candidate.style.name, r.candidate.marker, r.candidate.ordinal, norm.line_at(r.candidate.start), r.reason)
        for r in levels.rejected
    ]
    del levels
    wanted = None  # (marker, start) of each heading, when a published 【提纲】 is to be compared
    if norm.published_outline is not None:
        wanted = [(h.candidate.marker, h.candidate.start) for h in accepted]
    # build_tree empties `accepted` and `runs` as it makes their drafts: on a large input the
    # candidates (~13 MB a MB of input) never stand in memory beside all the drafts
    outline = build_tree(norm, accepted, runs)
    published = None
    if wanted is not None:
        titles = {node.span.start: node.title for root in outline for node in root.walk()}
        published = published_outline(*norm.published_outline, [(marker, titles[start]) for marker, start in wanted])
    index = TreeIndex(norm, outline)
    head = read_head(norm, first_heading)
    counts = [d.as_fields() for d in declared_counts(norm, index)]
    meta = {**head.meta, "declared_counts": counts}
    if published is not None:
        meta["published_outline"] = published
    source = Source(
        path=raw.path, encoding=raw.encoding, sha256=raw.sha256, chars=len(norm.text), format=raw.format
    )
    agenda = find_agenda(norm, index)
    # what only the stages needed goes before the tree is validated: on a large input the
    # drafts and the validated tree are what stand at the peak of memory (the paragraphs, a
    # second copy of the text in pieces, go too: only their input lines are kept)
    text, text_lines, norm_diagnostics = norm.text, list(map(_LINE_OF, norm.paragraphs)), norm.diagnostics
    del index, norm
    # the drafts become nodes as they are, checked by the Document in one walk of its tree
    document = Document.model_validate(
        {
            "source": source,
            "title": head.title,
            "doc_type": head.doc_type,
            "meta": meta,
            "agenda": agenda,
            "outline": outline,
        },
        from_attributes=True,
    )
    del outline  # used up: what follows reads the validated tree
    document._text_lines = text_lines
    document.diagnostics = sorted(
        [
            *raw.diagnostics,
            *norm_diagnostics,
            *_published_outline_diagnostics(document),
            *numbering_diagnostics(document.outline),
            *count_diagnostics(document.meta.declared_counts),
        ],
        key=lambda d: d.line or 0,
    )
    document._text = text
    document._refused = refused
    return document


def _published_outline_diagnostics(document: Document) -> list[Diagnostic]:
    published = document.meta.published_outline
    if published is None or not published.missing:
        return []
    return [
        Diagnostic(
            code="truncated",
            severity="warning",
            message=f"the 【提纲】 on line {published.line} lists {published.missing} heading(s) the body lacks",
            line=published.line,
        )
    ]


def parse_text(text: str, *, path: str | None = None, cruft: list[str] | tuple[str, ...] = ()) -> Document:
    """Parse a document given as a string (any string: lone surrogates, as text read with
    errors="surrogateescape" has, are replaced with U+FFFD and reported)."""
    try:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()  # the bytes go at once
    except UnicodeEncodeError:
        return parse_raw(_without_surrogates(text, path), cruft)
    return parse_raw(RawText(text=text, encoding="utf-8", sha256=digest, path=path), cruft)


_LONE_SURROGATE = lazyre.compile("[\ud800-\udfff]")


def _without_surrogates(text: str, path: str | None) -> RawText:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    text, count = _LONE_SURROGATE.subn("\ufffd", text)
    message = f"{count} lone surrogate(s) that no encoding can write replaced with U+FFFD"
    return RawText(text, "utf-8", digest, path, [Diagnostic(code="encoding", severity="warning", message=message)])


def parse_bytes(data: bytes, *, path: str | None = None, cruft: list[str] | tuple[str, ...] = ()) -> Document:
    """Parse a document given as bytes: text in any supported encoding, .docx, HTML or PDF."""
    return parse_raw(read_bytes(data, path=path), cruft)


def parse_file(path: str | Path, *, cruft: list[str] | tuple[str, ...] = ()) -> Document:
    """Parse a file of any supported format: text, .docx, HTML or PDF ("-" reads stdin).
    Raises reader.InputError for unusable input."""
    return parse_raw(read_path(path), cruft)
