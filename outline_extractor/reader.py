"""Kept for imports that predate `readers/`: the input error and the readers' entry points."""

from .readers import InputError, RawText, detect_format, read_bytes, read_path
from .readers.text import decode_bytes, plausibility

__all__ = ["InputError", "RawText", "decode_bytes", "detect_format", "plausibility", "read_bytes", "read_path"]
