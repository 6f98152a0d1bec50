"""Settings from `[tool.outline-extractor.check]` in the nearest pyproject.toml that has that
table, looking in the file's folder and then each folder above it (as ruff does).

    [tool.outline-extractor.check]
    select = ["ordinal-gap", "marker-punctuation"]   # default: every rule
    ignore = ["heading-length"]
    kind = "gongwen"                                 # speech | gongwen | auto
    max-heading-length = 30
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from ..reader import InputError
from . import CheckOptions, unknown_codes

_KEYS = {"select": "select", "ignore": "ignore", "kind": "kind", "max-heading-length": "max_heading_length"}


class ConfigError(InputError):
    """A settings table the check cannot use: one line on stderr, exit code 2."""


def options_for(path: str | None) -> CheckOptions:
    """The options the settings nearest to `path` give (defaults when there are none)."""
    start = Path(path).resolve().parent if path and path != "-" else Path.cwd().resolve()
    return _options_in(start)


@lru_cache(maxsize=64)
def _options_in(folder: Path) -> CheckOptions:
    for directory in (folder, *folder.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            table = _table(candidate)
            if table is not None:
                return parse_table(table, candidate)
    return CheckOptions()


def _table(pyproject: Path) -> dict | None:
    try:
        with pyproject.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{pyproject}: cannot read ({error})") from None
    table = data.get("tool", {}).get("outline-extractor", {}).get("check")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: [tool.outline-extractor.check] must be a table")
    return table


def parse_table(table: dict, where: Path | str) -> CheckOptions:
    unknown = set(table) - set(_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(sorted(unknown))} in [tool.outline-extractor.check]")
    values = {_KEYS[key]: value for key, value in table.items()}
    try:
        options = CheckOptions(**values)
    except ValidationError as error:
        first = error.errors()[0]
        raise ConfigError(f"{where}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    bad = unknown_codes((options.select or set()) | options.ignore)
    if bad:
        raise ConfigError(f"{where}: unknown rule code(s) {', '.join(sorted(bad))}")
    return options
