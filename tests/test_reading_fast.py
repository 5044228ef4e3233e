"""The byte pre-check before looks_binary (reading.may_hold_controls) against the plain reading.

Reading skips the class scan of the binary sample when the bytes it is decoded from hold no control
character's byte value. That is sound only if every control character in the sample, in every accepted
encoding, leaves one of those bytes within the bytes checked: these tests fail if a value is missing
from CONTROL_BYTES or the checked head is too short for a sample of 4-byte characters after a BOM.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from linter.errors import InputError
from linter.reading import CONTROL_BYTES, SAMPLE_CHARS, decode, document_from_bytes, looks_binary, may_hold_controls, read_document

CONTROLS = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D)]
WIDE = "\U00020000"  # 4 bytes in UTF-8, GB18030 and UTF-16 (a surrogate pair): one character of the sample


def encodings(text: str) -> list[bytes]:
    """``text`` as each accepted encoding reads it (with and without a BOM where one is possible)."""
    return [
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("gb18030"),
        text.encode("utf-16"),  # with its BOM
        b"\xfe\xff" + text.encode("utf-16-be"),
    ]


def test_control_bytes_are_the_control_characters() -> None:
    assert sorted(map(chr, CONTROL_BYTES)) == CONTROLS


@pytest.mark.parametrize("control", CONTROLS)
def test_a_control_character_at_the_end_of_a_wide_sample_is_seen(control: str) -> None:
    # the sample's last character, after 4,095 characters of 4 bytes: the furthest a control can sit
    text = WIDE * (SAMPLE_CHARS - 1) + control + "后文"
    for data in encodings(text):
        decoded = decode(data, "x.txt")[0]
        assert decoded[SAMPLE_CHARS - 1] == control
        assert may_hold_controls(data)


def test_text_without_controls_is_not_scanned() -> None:
    text = "关于巡察整改进展情况的通报\n一、总体情况\n" * 300
    assert not may_hold_controls(text.encode("utf-8"))
    assert not may_hold_controls(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert not may_hold_controls(text.encode("gb18030"))


@pytest.mark.parametrize("controls", [0, 1, 9, 200])
def test_reading_rejects_exactly_what_looks_binary_rejects(controls: int) -> None:
    body = "通报正文，" * 900
    text = body[:2000] + "\x01\x1f" * (controls // 2) + "\x07" * (controls % 2) + body[2000:]
    for data in encodings(text):
        decoded = decode(data, "x.txt")[0]
        try:
            document_from_bytes(data, "x.txt")
            rejected = False
        except InputError as e:
            rejected = "binary" in str(e)
        assert rejected == looks_binary(decoded)
    assert looks_binary(text) == (controls > 81)  # the cases span both answers


def test_a_clean_notice_skips_the_sample_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    import linter.reading as reading

    def scanned(text: str) -> bool:
        raise AssertionError("looks_binary called for a notice without control bytes")

    monkeypatch.setattr(reading, "looks_binary", scanned)
    doc = reading.read_document(str(Path(__file__).parent.parent / "fixtures" / "clean" / "reference-clean.txt"))
    assert doc.text


def test_a_folder_read_as_a_notice_is_reported_as_a_folder(tmp_path: Path) -> None:
    # read_bytes no longer asks os.path.isdir first: opening the folder must say it
    folder = tmp_path / "notice.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="is a folder"):
        read_document(str(folder))
