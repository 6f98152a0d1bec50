"""The document's head and tail: title, type, speaker, meeting, date, salutation, closing.

Only what the text states: a field the text does not give stays None. The head is the run of
paragraphs before the first numbered heading; the title is its first title-like lines (up
to three, joined: titles are often printed over two or three lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import lazyre
from . import phrases
from .meeting import paragraphs_starting
from .normalize import Normalized, Paragraph
from .numerals import cn_to_int
from .styles import BOUNDARIES, boundary_kind, marker_key, match_at_start
from .traditional import fold

_MAX_TITLE_LINES = 3
#: How far below the first line a typed title may start (issuer line, 文号 above it).
_TITLE_SEARCH = 4
_HEAD_PARAGRAPHS = 14
#: A site's banner above a saved or printed page: a web address, a bare domain (example.top)
#: (the whole line), or a breadcrumb with » or › (a character, maybe a space, the mark, maybe a
#: space, a character: found from the mark, so a long line is scanned for it alone). It stands
#: above the title and is never part of it.
_SITE_ADDRESS = lazyre.compile(r"^(?:https?://|www\.)\S*$|^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|top|gov|edu|info|cc)/?$")
_BREADCRUMB = lazyre.compile(r"[»›](?:(?<=.[»›])|(?<=.\s[»›]))\s?.")
#: A standard's cover above its title: ICS/CCS codes, the classification code (F69), 备案号, the
#: standard's number (GB/T 1234—2020, NB/T XXXXX—XXXX), its kind (中华人民共和国能源行业标准), its
#: release and implementation dates and its issuer (国家能源局  发布).
_STANDARD_COVER = lazyre.compile(
    r"^(?:ICS|CCS) ?[\dA-Z][\d.A-Z ]*$|^[A-Z]{1,2}\d{0,2}$|^备案号[：:]?.{0,20}$"
    r"|^[A-Z]{1,4}\d{0,2}(?:/[TZ])? ?[\dXx][\dXx. ]*[—－-] ?[\dXx]{4}$|^中华人民共和国.{0,10}标准$|^.{2,12}(?:地方|团体|企业)标准$"
    r"|^[\dX]{4} ?[-－] ?[\dX]{2} ?[-－] ?[\dX]{2} ?(?:发布|实施)$|^[\u4e00-\u9fff]{2,20} +发布$"
)
_TRAILING_NOTE = lazyre.compile(r"[（(](?:摘要|草案|节选|全文|征求意见稿|送审稿|试行|修订|\d{4}年?)[）)]$")


@dataclass
class Head:
    title: str | None = None
    doc_type: str | None = None
    #: paragraph indices the title was read from
    title_paragraphs: list[int] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def read_head(norm: Normalized, first_heading: int | None, skip: set[int] | None = None) -> Head:
    """Title, type and meta fields from the head (and the closing from the tail)."""
    skip = skip or set()
    paragraphs = norm.paragraphs
    limit = min(len(paragraphs), first_heading if first_heading is not None else len(paragraphs), _HEAD_PARAGRAPHS)
    head = Head()
    index = 0
    above_title: list[Paragraph] = []  # a 公文's issuer mark and number stand above its title
    while index < limit and (index in skip or _above_title(paragraphs[index].folded)):
        if index not in skip and not phrases.STAGE_DIRECTION_LINE.match(paragraphs[index].folded):
            above_title.append(paragraphs[index])
        index += 1
    lines = _title_block(paragraphs, index, limit)
    typed = _typed_prefix(lines)
    if typed is None:
        # an issuer's line and a 文号 may stand above a title that names its type
        for later in range(index + 1, min(limit, index + _TITLE_SEARCH)):
            if not _issuer_or_number(paragraphs[later - 1].folded):
                break
            block = _title_block(paragraphs, later, limit)
            typed = _typed_prefix(block)
            if typed:
                above_title.extend(paragraphs[k] for k in range(index, later) if k not in skip)
                index, lines = later, block
                break
    if lines:
        # a title printed over several lines ends with its type (…的通知, …上的讲话); without
        # one, the lines after the first are something else (a section name, an issuer)
        taken = typed or 1
        head.title = "".join(lines[:taken])
        head.doc_type = _doc_type_of(head.title)
        head.title_paragraphs = list(range(index, index + taken))
        index += taken

    meta: dict = {}
    if head.title:
        _read_title(head.title, meta)
    head_lines = [(p.text, p.folded) for p in above_title + paragraphs[index:limit]]
    for position, (text, folded) in enumerate(head_lines):
        subtitle = phrases.SUBTITLE.match(folded)
        if subtitle and not text.endswith("上") and position + 1 < len(head_lines):
            following, following_folded = head_lines[position + 1]
            if following_folded.endswith(("上", "会议")):  # a subtitle printed over two lines
                text, folded = text + following, folded + following_folded
                subtitle = phrases.SUBTITLE.match(folded)
        _read_head_line(text, folded, subtitle, meta)
        if head.doc_type is None and subtitle:
            head.doc_type = _doc_type_of(text)  # 强化党建引领 + ——在…会上的交流发言
    if head.doc_type == "纪要":
        for text, folded in head_lines:
            minutes = phrases.MINUTES_DATE.match(folded)
            if minutes:
                meta.setdefault("date", _date_in(minutes.group("date")))
                break
    _read_tail(norm, meta)
    if head.doc_type is None:
        head.doc_type = _doc_type_from_text(norm.folded)
    if meta.get("year") is None:
        meta["year"] = year_of(meta.get("date")) or _year_in(meta.get("meeting")) or _year_in(head.title)
    head.meta = {key: value for key, value in meta.items() if value is not None}
    return head


def _issuer_or_number(folded: str) -> bool:
    """An issuer's name (望川县人民政府办公室), its mark or a 文号: what may stand above a 公文's title."""
    return bool(phrases.ISSUER.match(folded)) or _mark_or_number(folded)


def _mark_or_number(folded: str) -> bool:
    return bool(phrases.ISSUER_MARK.match(folded) or phrases.DOC_NUMBER.match(folded))


def _title_block(paragraphs: list, start: int, limit: int) -> list[str]:
    """The title-like lines from `start` on (at most three)."""
    lines: list[str] = []
    while start + len(lines) < limit and len(lines) < _MAX_TITLE_LINES and _title_like(paragraphs[start + len(lines)].folded):
        lines.append(paragraphs[start + len(lines)].text)
    return lines


def _typed_prefix(lines: list[str]) -> int | None:
    """How many of the lines make a title ending with a document type, if any do."""
    return next((k for k in range(1, len(lines) + 1) if _doc_type_of("".join(lines[:k]))), None)


def _above_title(folded: str) -> bool:
    """What is skipped before looking for a title: a published 【提纲】, an issuer's mark, a 文号,
    a host's stage direction （开场音乐）, a site's banner (example.top, 法律读本 » 刑法), a
    standard's cover lines (ICS 27.120, GB/T 1234—2020)."""
    return (
        folded.startswith("【提纲】") or _mark_or_number(folded) or bool(phrases.STAGE_DIRECTION_LINE.match(folded))
        or bool(_SITE_ADDRESS.match(folded) or _BREADCRUMB.search(folded)) or bool(_STANDARD_COVER.match(folded))
    )


def _title_like(text: str) -> bool:
    """`text` (folded) reads as a title line."""
    if not 2 <= len(text) <= 60 or re.search(r"[。！？!?；;]", text) or text[-1] in "：:，,":
        return False
    if match_at_start(text) or phrases.DATE_LINE.match(text) or phrases.DOC_NUMBER.match(text):
        return False
    if phrases.SUBTITLE.match(text) or phrases.SPEAKER_LINE.match(text) or phrases.BLURB.search(text):
        return False
    return not text.startswith(("（", "(", "来源", "时间", "作者", "发布", "【"))


def _doc_type_of(title: str) -> str | None:
    title = fold(title).strip()
    if title.endswith(("）", ")")):
        title = _TRAILING_NOTE.sub("", title)
    title = title.rstrip("》”\"）)")
    # 2025年工作总结和2026年工作打算: two documents in one, typed by the first
    first, joined, _ = title.partition("和")
    for candidate in (title, first) if joined and first else (title,):
        if not candidate.endswith(_TYPE_WORDS):
            continue
        for word, doc_type in phrases.DOC_TYPES:
            if candidate.endswith(word):
                return doc_type
    return None


#: every word DOC_TYPES knows a type by (one endswith before looking for which)
_TYPE_WORDS = tuple(word for word, _ in phrases.DOC_TYPES)


def _doc_type_from_text(text: str) -> str | None:
    """When no title says it: the text itself, where it is unmistakable."""
    if phrases.AGENDA_OPENING.search(text) and re.search(r"现在开会|会议议程|议程", text):
        return "主持词"
    if re.search(r"我代表[^。]{2,20}(?:人民政府|政府)[^。]{0,6}向大会报告", text):
        return "报告"
    return None


def _original(match: re.Match[str], text: str, group: str) -> str:
    """A group of a match on the folded text, as printed in `text` (folding keeps offsets)."""
    return text[match.start(group):match.end(group)]


def _read_title(title: str, meta: dict) -> None:
    match = phrases.AT_MEETING.match(fold(title))
    if not match:
        if fold(title).endswith("会议纪要"):  # 2026年第5次县长办公会议纪要
            meta["meeting"] = title[:-2]
        return
    meta["meeting"] = _original(match, title, "meeting")
    role, name = split_byline(_original(match, title, "who"))
    meta["speaker_role"], meta["speaker"] = role, name


def _read_head_line(text: str, folded: str, subtitle: re.Match[str] | None, meta: dict) -> None:
    """The fields one head line gives (`folded`: its fold; `subtitle`: its SUBTITLE match)."""
    if subtitle:
        group = "body" if subtitle.group("body") else "dated"
        body, body_folded = _original(subtitle, text, group), subtitle.group(group)
        date = _date_in(body_folded)
        if date:
            meta.setdefault("date", date)
        # ——在…会议上 / ——在…推进会上的交流发言
        at = re.search(r"在(?P<meeting>.+?)(?:上|中)(?:的[\u4e00-\u9fff]{1,6})?$", body_folded)
        if at:
            meta.setdefault("meeting", _original(at, body, "meeting"))
        return
    if phrases.DATE_LINE.match(folded):
        meta.setdefault("date", _date_in(folded))
        return
    passed = phrases.PASSED_LINE.match(folded)
    if passed:
        meta.setdefault("date", _date_in(passed.group("date")))
        return
    occasion = phrases.OCCASION_DATE.match(folded)
    if occasion:
        meta.setdefault("date", _date_in(occasion.group("date")))
    speaker = phrases.SPEAKER_LINE.match(folded)
    if speaker and not meta.get("speaker"):
        meta["speaker_role"], meta["speaker"] = _original(speaker, text, "role"), _original(speaker, text, "name")
        return
    if phrases.DOC_NUMBER.match(folded):
        meta.setdefault("doc_number", text)
        return
    if phrases.SALUTATION.match(folded) and "salutation" not in meta:
        meta["salutation"] = text
        return
    if phrases.ADDRESSEE.match(folded) and "addressee" not in meta:
        meta["addressee"] = text
        return
    place = phrases.PLACE.search(folded)
    if place and "place" not in meta:
        meta["place"] = _original(place, text, "place")


def _read_tail(norm: Normalized, meta: dict) -> None:
    tail = norm.paragraphs[-3:]
    for paragraph in reversed(tail):
        match = len(paragraph.text) <= 40 and phrases.CLOSING.search(paragraph.folded)
        if match:
            # the closing sentence: 今天的会议就到这里。散会。 → 散会。
            sentence_start = max((paragraph.folded.rfind(mark, 0, match.start()) for mark in "。！？!?"), default=-1) + 1
            meta["closing"] = paragraph.text[sentence_start:]
            break
    if "date" not in meta:
        for paragraph in _signature_zones(norm):
            if phrases.DATE_LINE.match(paragraph.folded) or re.fullmatch(phrases.DATE.pattern, paragraph.folded):
                meta["date"] = _date_in(paragraph.folded)
                break


def _signature_zones(norm: Normalized) -> Iterator[Paragraph]:
    """Where a 公文's date stands, nearest first: the last lines, else the lines before an
    annex (附件) in the second half of the text, from the last annex back."""
    paragraphs = norm.paragraphs
    yield from reversed(paragraphs[-4:])
    for index in reversed(_annexes(norm, len(paragraphs) // 2 + 1)):
        yield from reversed(paragraphs[max(0, index - 4):index])


def _annexes(norm: Normalized, first: int) -> list[int]:
    """The paragraphs from `first` on that open an annex: only those starting with a character
    an annex row can start with are tried."""
    return [index for index in paragraphs_starting(norm, _ANNEX_ROWS, first) if boundary_kind(norm.paragraphs[index].folded) == "annex"]


_ANNEX_ROWS = tuple(row.pattern.pattern for row in BOUNDARIES if row.kind == "annex")


def split_byline(who: str) -> tuple[str | None, str | None]:
    """区卫生健康局党委书记、局长 → (that, None); 市委副书记、市长某某 → (市委副书记、市长, 某某)."""
    who = who.strip()
    who = who[:-2] if fold(who).endswith("同志") else who
    if not who:
        return None, None
    folded = fold(who)
    end = max((folded.rfind(word) + len(word) for word in phrases.ROLE_WORDS if word in folded), default=-1)
    if end == len(who):
        return who, None
    if end > 0 and 2 <= len(who) - end <= 4:
        return who[:end], who[end:]
    return None, None


def _date_in(text: str | None) -> str | None:
    """ISO date (or year-month, or year) of the first date in `text`."""
    if not text:
        return None
    match = phrases.DATE.search(text)
    if not match:
        return None
    year = int(match.group("roc")) + 1911 if match.group("roc") else _number(match.group("year"))  # 民国115年 = 2026
    month = _number(match.group("month")) if match.group("month") else None
    day = _number(match.group("day")) if match.group("day") else None
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return cn_to_int(text.replace("○", "〇"))


def _year_in(text: str | None) -> int | None:
    if not text:
        return None
    match = re.search(r"(?<!\d)((?:19|20)\d{2})年", text)
    return int(match.group(1)) if match else None


def year_of(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def published_outline(line: int, text: str, headings: list[tuple[str, str]]) -> dict:
    """A 【提纲】 summary found on top of the input, heading by heading, with whether the body
    carries each (by marker and title, as CONTRACT §4 compares them)."""
    in_body = {(marker_key(marker), re.sub(r"\s", "", title)) for marker, title in headings}
    entries = []
    for piece in text.removeprefix("【提纲】").split("。"):
        piece = piece.strip()
        found = match_at_start(piece)
        if not piece or found is None:
            continue
        marker = found[1].group(0)
        title = piece[len(marker):].strip()
        key = (marker_key(marker), re.sub(r"\s", "", title))
        entries.append({"marker": marker, "title": title, "in_body": key in in_body})
    return {"line": line, "headings": entries, "missing": sum(not e["in_body"] for e in entries)}
