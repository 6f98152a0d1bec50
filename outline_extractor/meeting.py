"""Meetings: the agenda a host script declares and opens item by item, and the counts a
speech declares (讲三点意见, 议程共有四项) checked against the list that follows.

Works on the finished tree (draft nodes from tree.py) and the normalised paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, partial
from itertools import chain

from . import lazyre, phrases, recache
from .normalize import Normalized
from .numerals import to_int
from .scan import SRE, Table, first_chars, parse_pattern, window_safe
from .styles import family_of
from .traditional import fold
from .tree import DraftNode, DraftSpan

_LIST_REACH = 2  # a declared list starts within this many paragraphs after its declaration


class TreeIndex:
    """The draft tree in document order, with parents and paragraphs. Built when first asked
    (most texts declare no count and no agenda: their tree is never indexed)."""

    def __init__(self, norm: Normalized, outline: list[DraftNode]) -> None:
        self.norm = norm
        self.outline = outline

    @cached_property
    def parent(self) -> dict[int, DraftNode | None]:
        parent: dict[int, DraftNode | None] = {}
        stack: list[tuple[DraftNode, DraftNode | None]] = [(root, None) for root in reversed(self.outline)]
        while stack:
            node, above = stack.pop()
            parent[id(node)] = above
            stack.extend((child, node) for child in reversed(node.children))
        return parent

    @cached_property
    def nodes(self) -> list[DraftNode]:
        nodes = []
        stack = list(reversed(self.outline))
        while stack:
            node = stack.pop()
            nodes.append(node)
            stack.extend(reversed(node.children))
        nodes.sort(key=lambda node: node.span.start)
        return nodes

    @cached_property
    def starts(self) -> list[int]:
        return [node.span.start for node in self.nodes]

    def paragraph_of(self, node: DraftNode) -> int:
        return bisect_right(self.norm.starts, node.span.start) - 1

    def after(self, offset: int):
        """Nodes starting at or after `offset`, in document order."""
        return self.nodes[bisect_right(self.starts, offset - 1):]

    def run_of(self, first: DraftNode) -> list[DraftNode]:
        """`first` and the siblings that continue its list (same kind and style family)."""
        parent = self.parent[id(first)]
        siblings = parent.children if parent is not None else [n for n in self.nodes if self.parent[id(n)] is None]
        run, started = [], False
        for node in siblings:
            if node is first:
                started = True
            if not started:
                continue
            if node.kind != first.kind or family_of(node.style) != family_of(first.style):
                if run and node.kind == "heading" and first.kind == "heading":
                    break
                continue
            if run and node.ordinal == 1:
                break
            run.append(node)
        return run


# --- tables applied where an anchor stands --------------------------------------------------------



class _Anchored:
    """A Table applied only where it can match: every match of its rows holds an anchor (a
    literal, possibly behind a look-behind: 个 after a digit). One scan per anchor over the
    whole folded text (a literal-led pattern: the engine's fast literal search, no work at each
    position), then one search of the combined rows in a window round each hit, inside its
    paragraph. The window reaches as far as a match holding the hit can start and read, so a
    match holding one of its hits is found whole, and what it finds holds one of its hits (a
    match starting there holding a later hit starts after the window): the paragraphs found
    are exactly those some row finds something in. The rows must be `scan.window_safe` (nothing
    in them sees the "\n" between paragraphs, nor ^ or $: `_reach_of` refuses others) and every occurrence of an anchor is found (an
    anchor cannot overlap itself).

    Selective anchors (look-behinds with large classes) and the combined rows cost ~10 ms to
    compile; until the table has seen `_PAY_BACK` characters (a longer text: at once), plain
    anchors (`quick`) are scanned and the rows searched one by one (as `scan.Table` waits for
    COMBINE_AFTER lines), so a one-off parse of a short text does not pay for them."""

    def __init__(self, table: Table, anchors: Callable[[], list[str]], quick: Callable[[], list[str]] | None = None) -> None:
        """`anchors`: gives the anchor patterns (worked out on first use); `quick`: anchors
        cheaper to compile, found in every match too (default: the same)."""
        self.table = table
        self._anchor_patterns = anchors
        self._quick_patterns = quick or anchors
        self._seen = 0

    @cached_property
    def anchors(self) -> list[re.Pattern[str]]:
        return [recache.compile(anchor) for anchor in self._anchor_patterns()]

    @cached_property
    def quick_anchors(self) -> list[re.Pattern[str]]:
        return [recache.compile(anchor) for anchor in self._quick_patterns()]

    def _scan_for(self, text: str) -> tuple[list[re.Pattern[str]], Callable[[str, int, int], object]]:
        """The anchors to scan `text` for and the search for a window."""
        rows = self.table.rows
        if "anchors" not in self.__dict__ and self._seen + len(text) < _PAY_BACK:  # a long text pays at once
            self._seen += len(text)
            if len(rows) == 1:
                return self.quick_anchors, rows[0].search
            return self.quick_anchors, lambda text, low, high: any(row.search(text, low, high) for row in rows)
        return self.anchors, rows[0].search if len(rows) == 1 else self.table.combined.search

    @cached_property
    def _reach(self) -> tuple[int, int]:
        """(the widest match of a row, the farthest a row reads from where its match starts)."""
        return _reach_of(tuple(self.table.patterns))

    def paragraphs(self, norm: Normalized) -> Iterator[tuple[int, int, int]]:
        """The paragraphs some row finds something in, in order: (index, low, high), every
        match of a row in the paragraph lying in norm.folded[low:high] (whole, look-aheads
        included: a row's finditer(norm.folded, low, high) finds what it finds in the
        paragraph alone, at offsets from norm.folded's start)."""
        text, starts = norm.folded, norm.starts
        anchors, search = self._scan_for(text)
        hits = sorted(chain.from_iterable(map(_START, anchor.finditer(text)) for anchor in anchors))
        width, reads = self._reach
        count, paragraphs = len(hits), len(starts)
        position = 0
        while position < count:
            start = hits[position]
            number = bisect_right(starts, start) - 1
            first = starts[number]
            last = starts[number + 1] - 1 if number + 1 < paragraphs else len(text)
            low, high = max(first, start + 1 - width), start + reads
            position += 1
            # the next hits of the paragraph near this one: searched with it (a window of
            # _MERGE characters costs about what one more search does)
            while position < count and hits[position] < last and hits[position] - width <= high + _MERGE:
                high = hits[position] + reads
                position += 1
            if search(text, low, min(high, last)):
                # no match holds a hit of an earlier window (it would have been found)
                position = bisect_left(hits, last, position)
                yield number, low, min(hits[position - 1] + reads, last)


_START = re.Match.start
#: how far apart two anchors' windows may be and still be searched as one
_MERGE = 60
#: characters a table scans with its quick anchors before its selective ones are compiled
_PAY_BACK = 100_000



def paragraphs_starting(norm: Normalized, patterns: tuple[str, ...], first: int = 0) -> list[int]:
    """Indices, from `first` on and in order, of the paragraphs whose first character can start
    a match of one of `patterns` (as worked out from their parsed form; every paragraph when
    that cannot be told for one of them): one scan for a "\n" and such a character, led by the
    literal "\n" (the engine's fast search finds the paragraph starts)."""
    count = len(norm.paragraphs)
    opening = _paragraph_opening(patterns)
    if opening is None:
        return list(range(first, count))
    starts, folded = norm.starts, norm.folded
    found = [0] if first == 0 and opening.match("\n" + folded[:1]) else []
    if first < count:
        hits = opening.finditer(folded, max(starts[first] - 1, 0))
        found.extend(bisect_right(starts, hit.end() - 1) - 1 for hit in hits)
    return found


@cache
def _paragraph_opening(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """A "\n" and a character one of `patterns` can start with (男 of 男：第一项，, 第, 议 of
    议题一：, 最 of 最后，请 …); None when one of them has no known first character."""
    classes = [first_chars(pattern) for pattern in patterns]
    if not all(classes):
        return None
    return recache.compile("\n[" + "".join(c[1:-1] for c in classes) + "]")


def _literal_scans(words: Sequence[str]) -> list[str]:
    """Patterns finding `words` (anchors), one a first character (议(?=程|题)): each led by
    its first character alone (the engine's search for one character is ~2x faster than for
    two), the rest a look-ahead."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return [re.escape(first) + _ahead(rest) for first, rest in rests.items()]


def _ahead(rests: list[str]) -> str:
    """A look-ahead for one of `rests` ('' when one of them is empty: nothing to look for)."""
    return f"(?={'|'.join(rests)})" if all(rests) else ""


@recache.remember
def _reach_of(patterns: tuple[str, ...]) -> tuple[int, int]:
    """(the widest match of a row, the farthest a row reads from where its match starts).
    ValueError for a row that is not `scan.window_safe`: `_Anchored` searches windows."""
    for pattern in patterns:
        if not window_safe(pattern):
            raise ValueError(f"a row searched in windows must be line safe, without ^ or $: {pattern!r}")
    parsed = [parse_pattern(pattern) for pattern in patterns]
    return max(p.getwidth()[1] for p in parsed), max(_reads(p) for p in parsed)


def _reads(sequence) -> int:
    """How far past where its match starts a parsed pattern may read: its widest match, each
    look-ahead counted as if consumed (an upper bound; unbounded repeats make it huge)."""
    total = 0
    for op, av in sequence:
        if op in (SRE.ASSERT, SRE.ASSERT_NOT):
            total += _reads(av[1]) if av[0] == 1 else 0  # a look-behind reads back
        elif op is SRE.BRANCH:
            total += max(_reads(alternative) for alternative in av[1])
        elif op is SRE.SUBPATTERN:
            total += _reads(av[-1])
        elif op in (SRE.MAX_REPEAT, SRE.MIN_REPEAT):
            total += av[1] * _reads(av[2])
        elif op in (SRE.LITERAL, SRE.NOT_LITERAL, SRE.IN, SRE.ANY, SRE.CATEGORY, SRE.AT):
            total += 1  # a character; ^ $ \b read (at most) one
        else:
            total += SRE.MAXREPEAT  # unknown (an atomic group, a reference): the whole paragraph
    return total


# --- declared counts ---------------------------------------------------------------------------

_COUNTS = Table(phrases.DECLARED_COUNTS)


def _count_anchors() -> list[str]:
    """A count's measure word (点, 个方面 …) after the count, and before the count a character
    a row's words before it can end with (讲 of 讲三点, 下 of 以下三点, “ of 做到“三个…”): one
    literal-led pattern a measure word, the rest look-behinds (a count is 1 to 3 characters).
    The characters are worked out from the rows; without them, any count before the word."""
    digit, units = phrases.COUNT_DIGIT, phrases.COUNT_UNITS
    lead = _lead_chars(_COUNTS.patterns, "n")
    low, high = parse_pattern(phrases.COUNT).getwidth()
    befores = [f"{digit}"] if lead is None else [f"[{lead}]{digit}{{{width}}}" for width in range(low, high + 1)]
    # led by the word's first character alone (方 of 方面), its rest a look-ahead
    return [
        unit[0] + _ahead([unit[1:]]) + "(?:" + "|".join(f"(?<={before}{unit[0]})" for before in befores) + ")"
        for unit in units
    ]


def _lead_chars(patterns: Sequence[str], group: str) -> str | None:
    """Class syntax for the characters that stand right before `group` in every match of the
    patterns (the group at their top level, after something that cannot match empty); None
    when that cannot be told."""
    found: set[str] = set()
    for pattern in patterns:
        parsed = parse_pattern(pattern)
        number = parsed.state.groupdict.get(group)
        at = next((i for i, (op, av) in enumerate(parsed.data) if op is SRE.SUBPATTERN and av[0] == number), None)
        last = _last_chars(parsed.data[:at]) if at else None
        if last is None or last[1]:
            return None
        found |= last[0]
    return "".join(sorted(found))


def _last_chars(sequence) -> tuple[set[str], bool] | None:
    """(characters a match of the parsed `sequence` can end with, as class syntax; whether it
    can match empty), or None when unknown."""
    found: set[str] = set()
    for op, av in reversed(list(sequence)):
        if op in (SRE.AT, SRE.ASSERT, SRE.ASSERT_NOT):
            continue  # zero width
        if op is SRE.LITERAL:
            return found | {re.escape(chr(av))}, False
        if op is SRE.IN:
            if not all(item_op is SRE.LITERAL for item_op, _ in av):
                return None
            return found | {re.escape(chr(item)) for _, item in av}, False
        if op is SRE.SUBPATTERN:
            inner = _last_chars(av[-1])
        elif op is SRE.BRANCH:
            alternatives = [_last_chars(alternative) for alternative in av[1]]
            if None in alternatives:
                return None
            inner = (set().union(*(a[0] for a in alternatives)), any(a[1] for a in alternatives))
        elif op in (SRE.MAX_REPEAT, SRE.MIN_REPEAT):
            inner = _last_chars(av[2])
            inner = inner and (inner[0], inner[1] or av[0] == 0)
        else:
            return None
        if inner is None:
            return None
        found |= inner[0]
        if not inner[1]:
            return found, False
    return found, True


def _units() -> list[str]:
    """The measure words alone (the quick anchors: every count holds one)."""
    return [unit[0] + _ahead([unit[1:]]) for unit in phrases.COUNT_UNITS]


_COUNT_ANCHORS = _Anchored(_COUNTS, _count_anchors, _units)


@dataclass
class Declared:
    phrase: str
    count: int | None
    line: int
    start: int
    found: int | None = None
    found_line: int | None = None

    def as_fields(self) -> dict:
        """The fields of models.DeclaredCount."""
        return {k: v for k, v in vars(self).items() if k != "start"}


def declared_counts(norm: Normalized, index: TreeIndex) -> list[Declared]:
    """Each count the text declares, with the size of the list that follows it (if any)."""
    found: list[Declared] = []
    for number, low, high in _COUNT_ANCHORS.paragraphs(norm):
        paragraph = norm.paragraphs[number]
        taken: list[tuple[int, int]] = []
        for pattern in phrases.DECLARED_COUNTS:
            for match in pattern.finditer(norm.folded, low, high):  # the span the matches lie in
                start, end = match.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                count = to_int(match.group("n")) if match.group("n") != "几" else None
                phrase = norm.text[start:end]
                declared = Declared(phrase, count, norm.line_at(start), start)
                _measure(declared, number, paragraph.end, index)
                found.append(declared)
    found.sort(key=lambda d: d.start)
    return found


def _measure(declared: Declared, paragraph: int, paragraph_end: int, index: TreeIndex) -> None:
    """The list after a declaration: inline items later in its paragraph, else a new list of
    headings (starting at 1) in the next paragraphs, when the declaration ends its paragraph.
    The list's size is its last number (gaps are reported on their own)."""
    tail = index.norm.folded[declared.start:paragraph_end]
    ends_paragraph = len(tail) <= len(declared.phrase) + 30 and not re.search(r"[。！？!?]", tail[:-1])
    for node in index.after(declared.start + 1):
        node_paragraph = index.paragraph_of(node)
        if node_paragraph > paragraph + _LIST_REACH:
            return
        if node.kind == "item" and node.span.start < paragraph_end:
            run = index.run_of(node)
        elif node.kind == "heading" and node_paragraph > paragraph and ends_paragraph and node.ordinal == 1:
            run = _with_inline_continuation(index, node)
        else:
            continue
        declared.found = max(n.ordinal for n in run)
        declared.found_line = run[0].span.line
        return


# --- agenda --------------------------------------------------------------------------------------


@dataclass
class Opening:
    ordinal: int
    paragraph: int
    start: int
    label: str | None
    speaker: str | None
    #: what the opening says the item is: its words after 第X项（议程）： up to the full stop
    words: str


@dataclass
class AgendaDraft:
    ordinal: int
    title: str
    label: str | None = None
    speaker: str | None = None
    line: int | None = None
    opening_line: int | None = None
    span: DraftSpan | None = None
    declaration: DraftSpan | None = None


@dataclass
class DeclaredItem:
    """An agenda item as the declaration states it: a numbered node, or a piece of its text."""

    ordinal: int
    title: str
    span: DraftSpan


#: One table for both readings below (its rows are compiled and analysed once).
_DECLARATION_TABLE = Table([phrases.AGENDA_DECLARATION])
_DECLARATION = _Anchored(_DECLARATION_TABLE, partial(_literal_scans, phrases.AGENDA_DECLARATION_WORDS))
#: Words that declare an agenda only in a meeting being run (elsewhere: 三项程序, 两项内容).
_WEAK_AGENDA_WORD = lazyre.compile(r"程序|日程|内容")
#: Outside a meeting being run, only a declaration without a weak word counts, and each holds
#: one of the other words (议程, 议题): the paragraphs holding only weak ones (common words: 内容,
#: 日程) are not looked at.
_STRONG_DECLARATION = _Anchored(
    _DECLARATION_TABLE,
    lambda: _literal_scans([w for w in phrases.AGENDA_DECLARATION_WORDS if not _WEAK_AGENDA_WORD.search(w)]),
)
_MEETING_OPENED = _Anchored(Table([phrases.MEETING_OPENED]), partial(_literal_scans, phrases.MEETING_OPENED_WORDS))
#: where an item opens: 进行第一项议程 anywhere in a paragraph (AGENDA_OPENING starts with
#: 进行: one literal scan of the text), or a step at its start (第一项，/ 议题一：/ 最后，请…:
#: see _STEPS)


def find_agenda(norm: Normalized, index: TreeIndex) -> list[AgendaDraft]:
    opened = next(_MEETING_OPENED.paragraphs(norm), None) is not None  # one is enough
    hosted = opened or _hosted_title(norm)
    declared, declared_at, count = _declared_items(norm, index, hosted)
    openings = _openings(norm, declared_at, count or len(declared), hosted)
    if not openings:
        steps = _host_steps(norm, declared_at) if opened else []
        # unnumbered steps open the declared items only when there is one step per item
        openings = steps if not declared or len(steps) == len(declared) else []
    items: dict[int, AgendaDraft] = {}
    for node in declared:
        items[node.ordinal] = AgendaDraft(
            node.ordinal, node.title, line=node.span.line,
            speaker=_speaker(node.title), declaration=node.span,
        )
    for position, opening in enumerate(openings):
        item = items.get(opening.ordinal)
        if item is None:
            if declared:
                continue  # an opening the declaration does not know
            item = items[opening.ordinal] = AgendaDraft(opening.ordinal, opening.words)
        item.opening_line = norm.line_at(opening.start)
        if item.line is not None and opening.label and _plain(opening.label) != _plain(item.title):
            item.label = opening.label
        item.speaker = opening.speaker or item.speaker
        end = openings[position + 1].start if position + 1 < len(openings) else _host_resumes(norm, opening.paragraph)
        end = _trim(norm.text, opening.start, end)
        item.span = DraftSpan(opening.start, end, item.opening_line)
        item.speaker = _speakers(norm, opening, end) or item.speaker
    result = [items[n] for n in sorted(items)]
    return [item for item in result if item.title or item.label]


def _declared_items(norm: Normalized, index: TreeIndex, hosted: bool) -> tuple[list[DeclaredItem], int, int | None]:
    """The agenda as declared. Returns the items, where the declaration ends, and its count.
    `hosted`: the text runs a meeting or ceremony (see find_agenda)."""
    first: tuple[int, int | None] | None = None
    for number, _, _ in (_DECLARATION if hosted else _STRONG_DECLARATION).paragraphs(norm):
        paragraph = norm.paragraphs[number]
        match = phrases.AGENDA_DECLARATION.search(paragraph.folded)
        if not match or phrases.AGENDA_OPENING.search(paragraph.folded):
            continue  # an item's opening (进行第三项议程：…) declares nothing
        if _WEAK_AGENDA_WORD.search(match.group()) and not hosted:
            continue  # 审批共有三项程序：一是… outside a meeting is no agenda
        count_text = next((match.group(g) for g in ("n", "n2", "n3", "n4") if match.group(g)), None)
        count = to_int(count_text) if count_text and count_text != "几" else None
        first = first or (paragraph.end, count)
        items = _list_after(norm, index, number, match.end(), count)
        if items:
            return items, norm.paragraph_at(items[-1].span.start).end, count
    return ([], *first) if first else ([], 0, None)


def _list_after(norm: Normalized, index: TreeIndex, number: int, after: int, count: int | None) -> list[DeclaredItem]:
    """The list a declaration states, first found of: numbered items later in its paragraph;
    its text cut at 第一项…第二项…; numbered paragraphs right after it (一是…；二是… as one
    paragraph too); when it ends its paragraph, the next paragraph's text cut at 第一项… or
    at its ；/，; the rest of its own sentence cut at ；/， (听取…，审议…，表决…。)."""
    paragraph = norm.paragraphs[number]
    nodes = _inline_items(index, paragraph.start + after, paragraph.end)
    if nodes:
        return _from_nodes(nodes)
    items = _numbered_pieces(norm, paragraph, after)
    if items:
        return items
    nodes = _headings_next(index, number, paragraph.start + after)
    if nodes:
        return _from_nodes(nodes)
    ends_paragraph = not re.sub(r"[\s：:。，,；;]", "", paragraph.folded[after:])
    if ends_paragraph and number + 1 < len(norm.paragraphs):
        following = norm.paragraphs[number + 1]
        items = _numbered_pieces(norm, following, 0)
        if items:
            return items
        if _opens_item(following.folded):
            return []  # the host opens the first item right away
        return _unnumbered_pieces(norm, following, 0, count, ("；;",))
    return _unnumbered_pieces(norm, paragraph, after, count)


def _opens_item(folded: str) -> bool:
    return bool(
        phrases.AGENDA_OPENING.search(folded) or phrases.AGENDA_STEP.match(folded) or phrases.AGENDA_NAMED_STEP.match(folded)
    )


def _from_nodes(nodes: list[DraftNode]) -> list[DeclaredItem]:
    return [DeclaredItem(n.ordinal, n.title, n.span) for n in nodes]


def _inline_items(index: TreeIndex, after: int, paragraph_end: int) -> list[DraftNode]:
    for node in index.after(after):
        if node.span.start >= paragraph_end:
            break
        if node.kind == "item" and node.ordinal == 1:
            return index.run_of(node)
    return []


def _headings_next(index: TreeIndex, number: int, after: int) -> list[DraftNode]:
    for node in index.after(after):
        node_paragraph = index.paragraph_of(node)
        if node_paragraph > number + 1:
            break
        if node.kind == "heading" and node_paragraph == number + 1 and node.ordinal == 1:
            return _with_inline_continuation(index, node)
    return []


def _with_inline_continuation(index: TreeIndex, heading: DraftNode) -> list[DraftNode]:
    """A list of headings from `heading` on; when it is one paragraph that goes on inline
    (一是…；二是…；三是…。 on the line after the declaration), the heading and its inline items."""
    run = index.run_of(heading)
    if len(run) > 1:
        return run
    paragraph = index.paragraph_of(heading)
    same = [n for n in index.after(heading.span.start + 1)
            if index.paragraph_of(n) == paragraph and family_of(n.style) == family_of(heading.style)]
    for expected, node in enumerate(same, start=2):
        if node.ordinal != expected:
            break
        run.append(node)
    return run


#: An item number inside a declaration: 第一项是…；第二项由…
_ITEM_NUMBER = lazyre.compile(
    rf"(?<![^：:；;。，,\s])第(?P<num>[一二三四五六七八九十]{{1,2}}|\d{{1,2}})(?:项|个){phrases.AGENDA_WORD}?(?:是|为|[：:，,、])?"
)


def _numbered_pieces(norm: Normalized, paragraph, after: int) -> list[DeclaredItem]:
    """第一项是…；第二项由…。: the paragraph's text from `after` cut at its item numbers."""
    marks = list(_ITEM_NUMBER.finditer(paragraph.folded, after))
    items: list[DeclaredItem] = []
    for position, mark in enumerate(marks):
        if to_int(mark.group("num")) != len(items) + 1:
            break
        end = marks[position + 1].start() if position + 1 < len(marks) else _sentence_end(paragraph.folded, mark.end())
        items.append(_piece(norm, paragraph, len(items) + 1, mark.start(), mark.end(), end))
    return items if len(items) >= 2 else []


#: What stands between a declaration and its unnumbered list: ：, 是, 分别是, 包括 …
_LEAD = lazyre.compile(r"[\s：:，,]*(?:分别|主要|依次)?(?:是|为|有|包括)?[\s：:，,]*")


def _unnumbered_pieces(
    norm: Normalized, paragraph, after: int, count: int | None, separators: tuple[str, ...] = ("；;", "，,")
) -> list[DeclaredItem]:
    """听取…，审议…，表决…。: the sentence after the declaration cut at ；(or ，when it has none),
    into as many pieces as declared (two at least)."""
    folded = paragraph.folded
    lead = _LEAD.match(folded, after)
    start = lead.end()
    end = _sentence_end(folded, start)
    sentence = folded[start:end]
    for separator in separators:
        cuts = [start] + [start + i + 1 for i, ch in enumerate(sentence) if ch in separator]
        if len(cuts) >= 2 and (count is None or len(cuts) == count):
            bounds = list(zip(cuts, cuts[1:] + [end + 1]))
            if all(2 <= e - s - 1 <= 60 for s, e in bounds):
                return [_piece(norm, paragraph, n, s, _after_number(folded, s, n), e - 1) for n, (s, e) in enumerate(bounds, start=1)]
    return []


#: A number the pieces of a list carry though no numbering style reads it inline: 一、…；二、…
_PIECE_NUMBER = lazyre.compile(r"(?P<num>[一二三四五六七八九十]{1,2}|\d{1,2})[、.．]")


def _after_number(folded: str, start: int, ordinal: int) -> int:
    """Where a piece's words start: after its own number when it carries the right one."""
    match = _PIECE_NUMBER.match(folded, start)
    return match.end() if match and to_int(match.group("num")) == ordinal else start


_FULL_STOP = lazyre.compile(r"[。！!？?]")


def _sentence_end(text: str, start: int) -> int:
    match = _FULL_STOP.search(text, start)
    return match.start() if match else len(text)


def _piece(norm: Normalized, paragraph, ordinal: int, mark: int, words: int, end: int) -> DeclaredItem:
    """One declared item: its words (from `words` to `end` in the paragraph), without the
    joining punctuation and stage directions."""
    text = _words(paragraph.text[words:end])
    start = paragraph.start + mark
    return DeclaredItem(ordinal, text, DraftSpan(start, paragraph.start + end, norm.line_at(start)))


def _words(text: str) -> str:
    """An item's words: stage directions （稍停） left out, joining punctuation and 和/以及 trimmed.
    (Directions are found on the folded text, so （報告完畢後） goes too; folding keeps offsets.)"""
    for match in reversed(list(phrases.STAGE_DIRECTION.finditer(fold(text)))):
        text = text[:match.start()] + text[match.end():]
    text = text.strip()
    text = text.rstrip("；;，,、。 ")
    for joiner in ("以及", "和", "及"):
        text = text.removesuffix(joiner)
    return text.strip("；;，,、 ")


def _openings(norm: Normalized, after: int, count: int, hosted: bool) -> list[Opening]:
    """The host opening each item: 进行第二项议程…, 进行下一项议程…, 进行最后一项…, and steps
    that open their paragraphs (第一项，鸣炮奏乐； / 大会第一项议程，… / 议题一：…) counting from 1; steps
    alone make the agenda when at least the first two are there. After the next-to-last item,
    最后，请… opens the last one."""
    openings: list[Opening] = []
    steps = 0  # openings that are steps (第一项，…), weaker evidence than 进行第一项
    for number in _opening_paragraphs(norm, hosted):
        paragraph = norm.paragraphs[number]
        if paragraph.end <= after:
            continue
        latest = max((o.ordinal for o in openings), default=0)
        match = phrases.AGENDA_OPENING.search(paragraph.folded)
        if match:
            if match.group("last"):
                ordinal = count or latest + 1
            elif match.group("next"):
                ordinal = latest + 1
            else:
                ordinal = to_int(match.group("num")) or 0
        elif match := phrases.AGENDA_STEP.match(paragraph.folded) or phrases.AGENDA_NAMED_STEP.match(paragraph.folded):
            ordinal = to_int(match.group("num")) or 0
            if ordinal != latest + 1:
                continue
            steps += 1
        elif match := phrases.AGENDA_LAST_STEP.match(paragraph.folded):
            if not count or latest != count - 1:
                continue  # 最后，请… opens the last item only right after the one before it
            ordinal = count
        else:
            continue
        if ordinal < 1 or any(o.ordinal == ordinal for o in openings):
            continue
        openings.append(_opening(norm, number, match, ordinal))
    if steps == len(openings) and (steps < 2 or not hosted):
        return []  # steps alone: two at least, in a meeting or ceremony being run
    return openings


def _opening_paragraphs(norm: Normalized, hosted: bool) -> list[int]:
    """Paragraphs that may open an item: those the opening scan hits, and (where steps can
    count: in a hosted text or beside such openings) those whose first character can start a
    step, found by one scan over the paragraph starts."""
    starts, folded = norm.starts, norm.folded
    opening = phrases.AGENDA_OPENING.match
    hit = [bisect_right(starts, at) - 1 for at in map(_START, _opening_word().finditer(folded)) if opening(folded, at)]
    if not hit and not hosted:
        return []
    return sorted(set(hit).union(paragraphs_starting(norm, _STEPS)))


@cache
def _opening_word() -> re.Pattern[str]:
    """Where an opening (进行第一项议程) may start: its first word (one scan led by its first character)."""
    return recache.compile(_literal_scans([phrases.AGENDA_OPENING_WORD])[0])


#: the steps (第一项，/ 议题一：/ 最后，请…): paragraphs starting with a character they can start with
_STEPS = (phrases.AGENDA_STEP.pattern, phrases.AGENDA_NAMED_STEP.pattern, phrases.AGENDA_LAST_STEP.pattern)


def _hosted_title(norm: Normalized) -> bool:
    """A host's script or a ceremony by its title (主持词, 仪式, 典礼)."""
    return bool(norm.paragraphs and phrases.HOSTED_TITLE.search(norm.paragraphs[0].folded))


def _opening(norm: Normalized, number: int, match: re.Match[str], ordinal: int) -> Opening:
    paragraph = norm.paragraphs[number]
    rest, rest_folded = paragraph.text[match.end():], paragraph.folded[match.end():]
    words = re.match(r"[：:，,]?\s*(?P<words>[^。！!]*)", rest_folded)
    return Opening(
        ordinal, number, paragraph.start, _label(rest, rest_folded),
        _speaker(paragraph.text[match.start():], paragraph.folded[match.start():]),
        _words(rest[words.start("words"):words.end("words")]),
    )


def _host_steps(norm: Normalized, after: int = 0) -> list[Opening]:
    """Without numbered openings, a host script's agenda is its steps after the declaration:
    首先，请…同志传达…。 接下来，观看…。 下面请…同志讲话。 (numbered in order of appearance).
    The caller asks only for a meeting being run (a 会议开始 line)."""
    steps: list[Opening] = []
    for number in paragraphs_starting(norm, (phrases.HOST_STEP.pattern,)):
        paragraph = norm.paragraphs[number]
        if paragraph.end <= after:
            continue
        match = phrases.HOST_STEP.match(paragraph.folded)
        if match:
            words = paragraph.text[match.start("words"):match.end("words")]
            steps.append(Opening(len(steps) + 1, number, paragraph.start, None, _speaker(words), words))
    return steps if len(steps) >= 2 else []


def _label(rest: str, folded: str) -> str | None:
    """议程：开展专题学习。 → 开展专题学习; a hand-over (请…, 让我们…) is no label."""
    match = re.match(r"[：:]\s*(?P<label>[^。；;，,！!（(]{2,24})[。；;！!（(]?", folded)
    if not match or match.group("label").startswith(("请", "让我们", "欢迎", "由", "大家")):
        return None
    return rest[match.start("label"):match.end("label")]


def _speaker(text: str, folded: str | None = None) -> str | None:
    """The one a hand-over names: 请X同志作… first, else 请X作…."""
    folded = fold(text) if folded is None else folded
    for pattern in phrases.SPEAKER_IN_ITEM:
        match = pattern.search(folded)
        if match:
            who = text[match.start("who"):match.end("who")].strip()
            return (who[:-2] if fold(who).endswith("同志") else who) or None
    return None


def _speakers(norm: Normalized, opening: Opening, end: int) -> str | None:
    """Who speaks in an item: the one the opening hands over to, and any further hand-over
    lines of their own in the item (several units reporting in turn), joined with 、."""
    names = [opening.speaker] if opening.speaker else []
    for paragraph in norm.paragraphs[opening.paragraph + 1:]:
        if paragraph.start >= end:
            break
        if phrases.HAND_OVER.match(paragraph.folded):
            name = _speaker(paragraph.text, paragraph.folded)
            if name and name not in names:
                names.append(name)
    return "、".join(names) or None


def _host_resumes(norm: Normalized, opening_paragraph: int) -> int:
    for paragraph in norm.paragraphs[opening_paragraph + 1:]:
        if phrases.HOST_RESUMES.match(paragraph.folded):
            return paragraph.start
    return len(norm.text)


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n":
        end -= 1
    return end


def _plain(text: str) -> str:
    return re.sub(r"[\s，,。；;：:、“”\"]", "", text)
