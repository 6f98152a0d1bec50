"""lazyre.CharClass answers the same before and after it compiles its class."""

from hypothesis import given
from hypothesis import strategies as st

from outline_extractor import lazyre, traditional
from outline_extractor.lazyre import CharClass

_TEXTS = st.text(alphabet="國語學１２3abc汉字𠀀 \u200b", max_size=30)


@given(_TEXTS)
def test_set_and_compiled_class_agree(text):
    chars = "國學１\u200b"
    fresh, compiled = CharClass(chars, astral=True), CharClass(chars, astral=True)
    compiled.pattern()
    expected = any(ch in chars or ord(ch) > 0xFFFF for ch in text)
    assert fresh.holds(text) is expected
    assert compiled.holds(text) is expected
    assert fresh.compiled is None  # a short text: tested by the set


def test_compiles_once_the_texts_add_up():
    cls = CharClass("國", astral=False)
    assert not cls.holds("汉" * 10)
    assert cls.compiled is None
    assert cls.holds("汉" * lazyre.COMPILE_CLASS_AFTER + "國")
    assert cls.compiled is not None
    assert not cls.holds("𠀀")  # astral characters belong only when asked for


@given(_TEXTS)
def test_fold_before_and_after_the_scan_is_compiled(text):
    expected = text.translate(traditional.TRADITIONAL_TO_SIMPLIFIED)
    fresh = CharClass(traditional.FOLDABLE_CHARS, astral=True)
    saved = traditional._FOLDABLE
    try:
        traditional._FOLDABLE = fresh
        assert traditional.fold(text) == expected  # tested by the set
        fresh.pattern()
        assert traditional.fold(text) == expected  # by the compiled scan
        assert traditional.foldable(text) is (expected != text or any(ord(ch) > 0xFFFF for ch in text))
    finally:
        traditional._FOLDABLE = saved
