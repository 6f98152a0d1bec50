"""The look-aheads that open some head-line patterns only refuse early: each pattern matches
exactly what it matched without its look-ahead (the patterns as they were, written out here)."""

import re

from hypothesis import given, settings, strategies as st

from outline_extractor import phrases

_ROLES = "|".join(phrases.ROLE_WORDS)
_WITHOUT_LOOK_AHEAD = {
    "SALUTATION": r"^(?:尊敬的|亲爱的)?[^。！？；]{0,24}?(?:同志们|同事们|代表|委员|领导|来宾|嘉宾|朋友们|同学们|老师们|同仁|女士们|先生们|各位)"
    r"[^。！？；]{0,12}[：:]$",
    "ADDRESSEE": r"^[^。！？；]{2,80}(?:政府|部门|部委|机构|单位|机关|委员会|局|厅|办|公司|学校|院)[^。！？；]{0,10}[：:]$",
    "SPEAKER_LINE": r"^(?P<role>[^\s。，：:]{0,20}?(?:" + _ROLES + r"))\s+(?P<name>[^\s。，：:（(]{2,4})$",
}
_PIECES = [
    "尊敬的", "亲爱的", "各位", "领导", "同志们", "来宾", "：", ":", "。", "；", "，", " ", "\u3000", "\n", "市", "人民政府",
    "委员会", "办", "局", "各区", "市委书记", "副市长", "主任委员", "张三", "李某某", "x" * 10, "长" * 7, "（", "书记",
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_head_line_patterns_match_as_without_their_look_ahead(pieces):
    text = "".join(pieces)
    for name, source in _WITHOUT_LOOK_AHEAD.items():
        new, old = getattr(phrases, name).match(text), re.match(source, text)
        assert (new and (new.span(), new.groupdict())) == (old and (old.span(), old.groupdict())), name


def test_the_look_ahead_is_the_only_change():
    for name, source in _WITHOUT_LOOK_AHEAD.items():
        pattern = getattr(phrases, name).pattern
        assert re.sub(r"^\^\(\?=.*?\)", "^", pattern, count=1) == source, name


_OLD_PLACE = re.compile(
    r"(?:主会场设在|会议在|会场设在|在)(?P<place>[^，。；]{2,24}?(?:会议室|礼堂|会堂|大厅|宾馆|酒店|中心|广场|报告厅|多功能厅))(?:召开|举行|举办)?"
)
_OLD_SITE_BANNER = re.compile(
    r"^(?:https?://|www\.)\S*$|^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|top|gov|edu|info|cc)/?$|.\s?[»›]\s?."
)
_PLACE_PIECES = ["主会场设在", "会议在", "会场设在", "在", "会", "主", "场", "设", "县政府", "三楼", "会议室", "礼堂", "中心", "召开",
                 "，", "。", "x", "议"]
_BANNER_PIECES = ["»", "›", " ", "\n", "a", "法律读本", "www.", "example", ".top", "/", "http://", "x.cn"]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PLACE_PIECES), max_size=20))
def test_a_place_is_the_one_the_longer_openings_found(pieces):
    text = "".join(pieces)
    new, old = phrases.PLACE.search(text), _OLD_PLACE.search(text)
    assert (new and new.group("place")) == (old and old.group("place"))


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_BANNER_PIECES), max_size=12))
def test_a_site_banner_is_found_as_by_the_one_pattern(pieces):
    from outline_extractor.metadata import _BREADCRUMB, _SITE_ADDRESS

    text = "".join(pieces)
    assert bool(_SITE_ADDRESS.match(text) or _BREADCRUMB.search(text)) == bool(_OLD_SITE_BANNER.search(text))
