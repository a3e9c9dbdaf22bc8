"""Decoding, repair and sidecar validation on tiny inline inputs."""

import codecs
from datetime import UTC, date, datetime

import pytest

from chronicle.ingest import (
    DecodedText,
    Rejection,
    decode_bytes,
    parse_sidecar,
    sidecar_for,
    site_for,
)

TEXT = "Café “owners” said naïve things.\nSecond line — with a dash."


def decoded(data: bytes, **kwargs) -> DecodedText:
    result = decode_bytes(data, **kwargs)
    assert isinstance(result, DecodedText), result
    return result


@pytest.mark.parametrize(
    ("data", "encoding", "repair"),
    [
        (TEXT.encode("utf-8"), "utf-8", None),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", "bom_removed"),
        (TEXT.encode("utf-16"), "utf-16-le", "bom_removed"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", "bom_removed"),
        (TEXT.encode("utf-16-le"), "utf-16-le", None),
        (TEXT.encode("cp1252"), "cp1252", None),
    ],
)
def test_encodings_are_detected_and_decoded(data: bytes, encoding: str, repair: str | None) -> None:
    result = decoded(data)
    assert result.text == TEXT
    assert result.encoding == encoding
    if repair:
        assert repair in result.repairs


def test_cyrillic_legacy_encoding_is_not_misread_as_cp1252() -> None:
    text = "Президент России заявил, что переговоры в Москве продолжатся на следующей неделе. " * 3
    assert decoded(text.encode("cp1251")).text == text


def test_mojibake_is_repaired_and_recorded() -> None:
    original = "Café ‘owners’ said naïve things — twice."
    broken = original.encode("utf-8").decode("cp1252")  # UTF-8 read as Windows-1252
    result = decoded(broken.encode("utf-8"))
    assert result.text == original
    assert "mojibake_fixed" in result.repairs


def test_crlf_control_characters_and_nfc_are_normalised() -> None:
    raw = "Line one\r\nLine\x07 two\rcafe\u0301\n".encode()
    result = decoded(raw)
    assert result.text == "Line one\nLine two\ncafé\n"
    assert {"newlines_normalised", "control_chars_removed", "unicode_normalised"} <= set(
        result.repairs
    )


def test_no_clean_keeps_the_decoded_text_verbatim() -> None:
    raw = b"Line one\r\nLine two"
    assert decoded(raw, clean=False).text == "Line one\r\nLine two"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\t \r\n", "empty"),
        ("  \n ".encode("utf-16"), "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary"),
        (b"text\x00with\x00nul\x00bytes\x00\x00\x00\x00here", "binary"),
        (b"ab\x01\x02\x03\x04\x05\x06" * 20, "binary"),
        (bytes(range(128, 256)) * 8, "undecodable"),
        (codecs.BOM_UTF8 + b"ok \xff\xfe broken", "undecodable"),
    ],
)
def test_bad_input_is_rejected_with_its_reason(data: bytes, reason: str) -> None:
    result = decode_bytes(data)
    assert isinstance(result, Rejection)
    assert result.reason == reason
    assert result.detail


def test_sidecar_keeps_valid_fields_and_reports_bad_ones() -> None:
    meta = parse_sidecar(
        b'{"url": "ftp://example.org/a", "site": "Example News", '
        b'"published_at": "2021-10-22", "fetched_at": "2021-10-23T08:00:00+02:00"}'
    )
    assert meta.url is None
    assert meta.site == "Example News"
    assert meta.published is not None
    assert (meta.published.value, meta.published.precision) == (date(2021, 10, 22), "day")
    assert meta.fetched_at == datetime(2021, 10, 23, 6, 0, tzinfo=UTC)
    assert len(meta.issues) == 1 and meta.issues[0].startswith("url:")


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2021", date(2021, 1, 1), "year"),
        ("2021-10", date(2021, 10, 1), "month"),
        ("2021-10-22T23:30:00-05:00", date(2021, 10, 22), "day"),
    ],
)
def test_sidecar_dates_keep_their_precision(value: str, expected: date, precision: str) -> None:
    meta = parse_sidecar(f'{{"published_at": "{value}"}}'.encode())
    assert meta.published is not None
    assert (meta.published.value, meta.published.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("data", "issue"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"published_at": "22/10/2021"}', "published_at:"),
        (b'{"site": 5}', "site:"),
    ],
)
def test_bad_sidecars_are_reported(data: bytes, issue: str) -> None:
    meta = parse_sidecar(data)
    assert any(i.startswith(issue) for i in meta.issues), meta.issues


def test_site_comes_from_sidecar_then_folder_then_url() -> None:
    with_site = parse_sidecar(b'{"site": "Declared", "url": "https://www.host.example/a"}')
    with_url = parse_sidecar(b'{"url": "https://www.host.example/a"}')
    assert site_for("folder/page.txt", with_site) == "Declared"
    assert site_for("folder/page.txt", with_url) == "folder"
    assert site_for("page.txt", with_url) == "host.example"
    assert site_for("page.txt", parse_sidecar(b"{}")) is None


def test_sidecar_name_replaces_the_extension() -> None:
    assert sidecar_for("site/a.txt") == "site/a.meta.json"
    assert sidecar_for("noext") == "noext.meta.json"


def test_text_with_terminal_escape_codes_is_cleaned_not_rejected_as_binary() -> None:
    # about 6 % of the characters are escape codes, as in scraped terminal output
    line = "\x1b[1;31mBreaking:\x1b[0m\x1b[K ministers met in Geneva.\x1b]0;title\x07\x1bM\n"
    assert 0.06 < sum(ch in "\x1b\x07" for ch in line) / len(line) < 0.1
    result = decoded((line * 20).encode())
    assert result.text == "Breaking: ministers met in Geneva.\n" * 20
    assert "escape_codes_removed" in result.repairs
    assert decoded((line * 20).encode(), clean=False).text == line * 20  # verbatim keeps them


def test_stray_control_characters_in_quantity_are_still_binary() -> None:
    data = (bytes(range(1, 9)) + bytes(range(14, 32))) * 40 + b"words " * 50
    result = decode_bytes(data)
    assert isinstance(result, Rejection) and result.reason == "binary"
    assert "control characters" in result.detail


@pytest.mark.parametrize(
    ("data", "issue"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON: RecursionError"),
        (b'{"site": ' + b"1" * 5000 + b"}", "not valid JSON: ValueError"),
        (b'{"site": "' + b"x" * 5000 + b'"}', "site: 'xxx"),
    ],
)
def test_hostile_sidecars_become_short_issues(data: bytes, issue: str) -> None:
    [found] = parse_sidecar(data).issues
    assert found.startswith(issue)
    assert len(found) < 400
