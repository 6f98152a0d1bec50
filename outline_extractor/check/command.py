"""The `check` verb: read each path, report findings, or fix and report what is left."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..archive.files import atomic_write
from ..readers import InputError, read_file
from . import CheckOptions, Finding, check_bytes, unknown_codes
from .config import options_for
from .fix import fix_bytes, unified_diff


def _codes(value: str | None) -> set[str] | None:
    if value is None:
        return None
    return {code.strip() for code in value.split(",") if code.strip()}


def flag_overrides(select: str | None, ignore: str | None, kind: str | None, max_heading_length: int | None) -> dict:
    """Command-line values that replace the settings file's."""
    overrides: dict = {}
    if select is not None:
        overrides["select"] = _codes(select)
    if ignore is not None:
        overrides["ignore"] = _codes(ignore)
    if kind is not None:
        overrides["kind"] = kind
    if max_heading_length is not None:
        overrides["max_heading_length"] = max_heading_length
    bad = unknown_codes((overrides.get("select") or set()) | (overrides.get("ignore") or set()))
    if bad:
        raise InputError(f"unknown rule code(s): {', '.join(sorted(bad))} (see README, 'Proofreading numbering')")
    return overrides


def _read(path: str) -> bytes:
    return sys.stdin.buffer.read() if path == "-" else read_file(path)


def run(paths: list[str], *, output_format: str, overrides: dict, fix: bool, diff: bool, error) -> int:
    """Check (or fix) every path; returns the exit code of CONTRACT §1."""
    findings: list[Finding] = []
    unreadable = changed = False
    for path in paths:
        try:
            options = options_for(path).model_copy(update=overrides)
            data = _read(path)
            if diff:
                text = unified_diff(fix_bytes(data, path=path, options=options), path)
                sys.stdout.write(text)
                changed = changed or bool(text)
                continue
            if fix:
                if path == "-":
                    raise InputError("--fix rewrites files; for stdin use --diff")
                data, references = _fix_in_place(path, data, options)
                findings.extend(references)
            findings.extend(check_bytes(data, path=path, options=options))
        except InputError as exc:
            error(str(exc))
            unreadable = True
    if not diff and not (unreadable and not findings):
        findings.sort(key=lambda f: (paths.index(f.path), f.line, f.col, f.code))
        _print(findings, output_format)
        _summary(findings)
    if unreadable:
        return 2
    if diff:
        return 1 if changed else 0
    return 1 if any(f.severity == "error" for f in findings) else 0


def _fix_in_place(path: str, data: bytes, options: CheckOptions) -> tuple[bytes, list[Finding]]:
    """The fixed bytes, written back, and the references to renumbered headings (left as they are)."""
    result = fix_bytes(data, path=path, options=options)
    if result.changed:
        try:
            atomic_write(Path(path), result.after)  # a crash mid-write never leaves half a document
        except OSError as exc:
            raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        sys.stderr.write(f"{path}: fixed {len(result.edits)} marker(s)\n")
    return result.after, result.references


def _print(findings: list[Finding], output_format: str) -> None:
    if output_format == "json":
        sys.stdout.write(json.dumps([f.model_dump() for f in findings], ensure_ascii=False, indent=2) + "\n")
    else:
        for finding in findings:
            sys.stdout.write(finding.as_text() + "\n")
    sys.stdout.flush()


def _summary(findings: list[Finding]) -> None:
    if not findings:
        sys.stderr.write("no findings\n")
        return
    errors = sum(f.severity == "error" for f in findings)
    fixable = sum(f.fix is not None for f in findings)
    sys.stderr.write(f"{len(findings)} finding(s), {errors} error(s); {fixable} fixable with --fix\n")
