import pytest

from outline_extractor.numerals import cn_to_int, int_to_cn, to_int


@pytest.mark.parametrize(
    "text,value",
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("九十九", 99), ("一百", 100),
     ("一百零五", 105), ("一百一十", 110), ("两", 2), ("壹拾贰", 12), ("拾", 10), ("貳", 2), ("二〇二四", 2024)],
)
def test_chinese_numerals(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "甲", "十百", "三四十", "一x"])
def test_not_numerals(text):
    assert cn_to_int(text) is None


@pytest.mark.parametrize("value", [1, 9, 10, 11, 20, 23, 99, 100, 105, 110, 999])
def test_round_trip(value):
    assert cn_to_int(int_to_cn(value)) == value


def test_other_numerals():
    assert to_int("12") == 12
    assert to_int("③") == 3
    assert to_int("二十") == 20
