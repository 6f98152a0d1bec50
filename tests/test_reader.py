import pytest

from outline_extractor.reader import InputError, decode_bytes, read_path

SPEECH = "同志们：\n一、提高政治站位，在深化思想认识上狠抓落实。\n二、聚焦关键环节，在突破重点难点上狠抓落实。\n"
TRADITIONAL = "各位同仁：\n壹、總體要求\n一、堅持以人民為中心的發展思想，鞏固經濟回升向好態勢。\n"


def test_utf8():
    raw = decode_bytes(SPEECH.encode("utf-8"))
    assert (raw.text, raw.encoding, raw.diagnostics) == (SPEECH, "utf-8", [])


def test_utf8_with_bom():
    raw = decode_bytes(b"\xef\xbb\xbf" + SPEECH.encode("utf-8"))
    assert (raw.text, raw.encoding, raw.diagnostics) == (SPEECH, "utf-8-sig", [])


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    data = SPEECH.encode(codec)
    if codec != "utf-16":
        data = ("\ufeff" + SPEECH).encode(codec)
    raw = decode_bytes(data)
    assert raw.text == SPEECH and raw.encoding == "utf-16"


def test_gbk_is_read_as_gb18030_and_reported():
    raw = decode_bytes(SPEECH.encode("gbk"))
    assert raw.text == SPEECH and raw.encoding == "gb18030"
    assert [(d.code, d.severity) for d in raw.diagnostics] == [("encoding", "info")]


def test_short_gbk_snippet():
    raw = decode_bytes("一、总体要求".encode("gbk"))
    assert raw.text == "一、总体要求"


def test_big5():
    raw = decode_bytes(TRADITIONAL.encode("big5"))
    assert raw.text == TRADITIONAL and raw.encoding == "big5"


def test_a_few_bad_bytes_are_replaced_with_a_warning():
    data = (SPEECH * 40).encode("utf-8") + b"\xff" + SPEECH.encode("utf-8")
    raw = decode_bytes(data)
    assert raw.encoding == "utf-8" and raw.text.count("\ufffd") == 1
    assert [(d.code, d.severity) for d in raw.diagnostics] == [("encoding", "warning")]


@pytest.mark.parametrize(
    "data,cause",
    [
        (b"", "empty file"),
        (b" \n\r\n\t", "empty file"),
        (b"\x00\x01\x02binary\x00data" * 10, "binary file"),
        (b"PK\x03\x04rest-of-a-zip", "ZIP archive"),
        (b"%PDF-1.7\n...", "PDF"),
        (bytes(range(128, 256)) * 4, "undecodable"),
    ],
)
def test_unusable_input_is_one_clear_error(data, cause):
    with pytest.raises(InputError) as info:
        decode_bytes(data, name="x.txt")
    message = str(info.value)
    assert message.startswith("x.txt: ") and cause in message and "\n" not in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)


def test_sha256_is_of_the_input_bytes(tmp_path):
    import hashlib

    data = SPEECH.encode("gbk")
    path = tmp_path / "s.txt"
    path.write_bytes(data)
    raw = read_path(path)
    assert raw.sha256 == hashlib.sha256(data).hexdigest() and raw.path == str(path)
