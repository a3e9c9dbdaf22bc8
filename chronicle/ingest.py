"""Read raw files: detect the encoding, repair the text, or say why it cannot be used.

Every function here either returns usable text or a ``Rejection`` with a reason
code from ``schemas.codes.REJECT_REASONS``; nothing raises on bad input.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import charset_normalizer
import ftfy

from chronicle.rawfiles import open_regular_file, raw_file_path

SIDECAR_SUFFIX = ".meta.json"
# A sidecar holds a few short fields; a larger one is not read (its page still is).
MAX_SIDECAR_BYTES = 1024 * 1024
HTML_SUFFIXES = (".html", ".htm")

# Signatures of common binary formats a scraper may leave in raw/.
BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"PK\x03\x04",  # zip, docx, xlsx
    b"\x1f\x8b",  # gzip
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"RIFF",
    b"OggS",
    b"\x00\x00\x01\x00",  # ico
)

_FTFY_CONFIG = ftfy.TextFixerConfig(
    # Curly quotes, ligatures and full-width forms are real text, not damage.
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,  # this and the next two are done below, each counted as its own repair
    remove_control_chars=False,
    normalization=None,  # done below, likewise
    explain=True,
)
# UTF-8 lead bytes 0xC2-0xF4 read as cp1252/latin-1 become U+00C2-U+00F4, so mojibake
# always contains one of them; text without them (or escapes, surrogates) skips ftfy,
# whose detector costs about a millisecond per page.
_MOJIBAKE_HINT = re.compile(r"[\u00c2-\u00f4\x1b\ud800-\udfff]")
# Terminal escape sequences (CSI such as colours, OSC such as titles, two-character ESC
# codes): scraped text sometimes carries them; they are markup, not content.
_ESCAPE_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]"
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe]")
_NON_ASCII_LETTER_RUN = re.compile(r"[^\x00-\x7f\W\d_]{4,}")


@dataclass(frozen=True)
class Rejection:
    """Why a raw file cannot become a document."""

    reason: str
    detail: str
    related_path: str | None = None


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from raw bytes, with what was done to it."""

    text: str
    encoding: str
    repairs: tuple[str, ...] = ()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def doc_id_for(content_sha256: str) -> str:
    """Documents are identified by their content: 16 hex digits of the SHA-256."""
    return content_sha256[:16]


def is_sidecar(path: str) -> bool:
    return path.endswith(SIDECAR_SUFFIX)


def sidecar_for(page_path: str) -> str:
    """The sidecar of ``a/b.txt`` is ``a/b.meta.json``: it replaces the page's extension."""
    name_start = page_path.rfind("/") + 1
    dot = page_path.rfind(".")
    stem = page_path[:dot] if dot > name_start else page_path
    return stem + SIDECAR_SUFFIX


def looks_binary(data: bytes) -> str | None:
    """A detail string when the bytes are clearly not text, else None."""
    for signature in BINARY_SIGNATURES:
        if data.startswith(signature):
            return f"starts with the signature of a binary format ({signature[:4]!r})"
    if b"\x00" in data[:8192] and not _looks_utf16(data):
        return "contains NUL bytes"
    return None


def _looks_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NULs sit in alternate positions, as in BOM-less UTF-16."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _plausible_western(text: str) -> bool:
    """True when cp1252-decoded text reads like a Western language, not misdecoded Cyrillic etc.

    Runs of four or more non-ASCII letters are rare in Western text but are what
    cp1251 or KOI8 bytes look like through cp1252.
    """
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    if non_ascii == 0:
        return True
    if non_ascii > 0.3 * len(text):
        return False
    in_runs = sum(len(m.group()) for m in _NON_ASCII_LETTER_RUN.finditer(text))
    return in_runs <= 0.1 * non_ascii


def _decode(data: bytes) -> tuple[str, str, list[str]] | Rejection:
    """(text, encoding, repairs) or a Rejection."""
    repairs: list[str] = []
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, ["bom_removed"]
            except UnicodeDecodeError as exc:
                return Rejection("undecodable", f"has a {encoding} byte-order mark but {exc}")
    binary = looks_binary(data)
    if binary:
        return Rejection("binary", binary)
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16, repairs
        except UnicodeDecodeError as exc:
            return Rejection(
                "undecodable", f"looks like {utf16} without a byte-order mark but {exc}"
            )
    try:
        return data.decode("utf-8"), "utf-8", repairs
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    try:
        text = data.decode("cp1252")
        if _plausible_western(text):
            return text, "cp1252", repairs
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding.startswith(("utf_16", "utf_32")):
        return Rejection(
            "undecodable",
            f"not valid UTF-8 ({first_error.reason} at byte {first_error.start}) "
            "and no other encoding decodes it cleanly",
        )
    return str(best), best.encoding.replace("_", "-"), repairs


def decode_bytes(data: bytes, *, clean: bool = True) -> DecodedText | Rejection:
    """Decode raw bytes to text; with ``clean``, also repair and normalise it.

    Cleaning repairs mojibake (ftfy), normalises newlines to ``\\n``, removes stray
    control characters and applies Unicode NFC. Without it the text is the decoded
    bytes verbatim (minus a byte-order mark), so offsets index the raw file.
    """
    if not data.strip():
        return Rejection(
            "empty", "the file is empty" if not data else "the file holds only whitespace"
        )
    decoded = _decode(data)
    if isinstance(decoded, Rejection):
        return decoded
    text, encoding, repairs = decoded
    # Escape sequences are text (scraped terminal output); other control characters in
    # quantity mean binary data that passed the signature and NUL tests.
    without_escapes = _ESCAPE_SEQUENCES.sub("", text) if "\x1b" in text else text
    control = len(_CONTROL_CHARS.findall(without_escapes))
    if control > 0.05 * len(text):
        return Rejection(
            "binary",
            f"{control} of {len(text)} characters are control characters "
            "(terminal escape sequences not counted)",
        )
    if not clean:
        return DecodedText(text, encoding, tuple(repairs))
    if without_escapes != text:
        repairs.append("escape_codes_removed")
        text = without_escapes
    if _MOJIBAKE_HINT.search(text):
        fixed, explanation = ftfy.fix_and_explain(text, _FTFY_CONFIG)
        if explanation and any(step[0] in {"encode", "transcode"} for step in explanation):
            repairs.append("mojibake_fixed")
        elif fixed != text:
            repairs.append("text_fixed")
        text = fixed
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = re.sub(r"\r\n?|[\u2028\u2029\x85]", "\n", text)
        repairs.append("newlines_normalised")
    stripped = _CONTROL_CHARS.sub("", text)
    if stripped != text:
        repairs.append("control_chars_removed")
        text = stripped
    normalised = unicodedata.normalize("NFC", text)
    if normalised != text:
        repairs.append("unicode_normalised")
        text = normalised
    if not text.strip():
        return Rejection("empty", f"the decoded text ({encoding}) holds only whitespace")
    return DecodedText(text, encoding, tuple(repairs))


# --- sidecar metadata -----------------------------------------------------------------

SIDECAR_FIELDS = ("url", "site", "published_at", "fetched_at")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to a precision (year, month or day), stored as its first day."""

    value: date
    precision: str


@dataclass(frozen=True)
class SidecarMeta:
    """The valid fields of a sidecar, and what was wrong with the others."""

    url: str | None = None
    site: str | None = None
    published: PartialDate | None = None
    fetched_at: datetime | None = None
    issues: tuple[str, ...] = field(default_factory=tuple)


def parse_iso_date(value: str) -> PartialDate:
    """'2021', '2021-10', '2021-10-22' or an ISO datetime -> PartialDate (raises ValueError)."""
    value = value.strip()
    match = _ISO_DATE.match(value)
    if match:
        year, month, day = match.groups()
        if day:
            return PartialDate(date(int(year), int(month), int(day)), "day")
        if month:
            return PartialDate(date(int(year), int(month), 1), "month")
        return PartialDate(date(int(year), 1, 1), "year")
    # The date as written on the site: a timezone offset does not move it to UTC.
    return PartialDate(datetime.fromisoformat(value.replace("Z", "+00:00")).date(), "day")


def parse_iso_datetime_utc(value: str) -> datetime:
    """An ISO datetime as UTC; a naive one is taken to be UTC already."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def parse_sidecar(data: bytes) -> SidecarMeta:
    """Validate sidecar JSON field by field: good fields are kept, bad ones become issues."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError) as exc:  # bad UTF-8 or JSON, 4300+ digits, deep nesting
        return SidecarMeta(issues=(f"not valid JSON: {type(exc).__name__}: {exc}",))
    if not isinstance(obj, dict):
        return SidecarMeta(issues=(f"expected a JSON object, got {type(obj).__name__}",))
    issues: list[str] = []
    values: dict[str, object] = {}
    for name in SIDECAR_FIELDS:
        raw = obj.get(name)
        if raw is None:
            continue
        if not isinstance(raw, str) or not raw.strip():
            issues.append(f"{name}: expected a non-empty string, got {_shown(raw)}")
            continue
        try:
            if name == "url":
                parts = urlsplit(raw.strip())
                if parts.scheme not in {"http", "https"} or not parts.netloc:
                    raise ValueError("not an http(s) URL")
                values["url"] = raw.strip()
            elif name == "site":
                if len(raw) > 200:
                    raise ValueError("longer than 200 characters")
                values["site"] = raw.strip()
            elif name == "published_at":
                published = parse_iso_date(raw)
                if not 1800 <= published.value.year <= datetime.now(UTC).year + 1:
                    raise ValueError("year out of range")
                values["published"] = published
            else:
                values["fetched_at"] = parse_iso_datetime_utc(raw)
        except ValueError as exc:
            issues.append(f"{name}: {_shown(raw)} is invalid ({exc})")
    return SidecarMeta(issues=tuple(issues), **values)  # type: ignore[arg-type]


def _shown(value: object, limit: int = 120) -> str:
    """A value as it appears in an issue: its repr, cut to ``limit`` characters."""
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit]}... ({len(shown):,} characters)"


def read_sidecar(raw_dir: Path, sidecar_path: str | None) -> SidecarMeta:
    """The sidecar at ``raw_dir/sidecar_path``, empty if none; read errors become issues."""
    if sidecar_path is None:
        return SidecarMeta()
    try:
        with open_regular_file(raw_file_path(raw_dir, sidecar_path)) as handle:
            data = handle.read(MAX_SIDECAR_BYTES + 1)
    except OSError as exc:
        return SidecarMeta(issues=(f"could not be read: {exc.strerror or exc}",))
    if len(data) > MAX_SIDECAR_BYTES:
        return SidecarMeta(issues=(f"larger than {MAX_SIDECAR_BYTES:,} bytes, not read",))
    return parse_sidecar(data)


def site_for(source_path: str, sidecar: SidecarMeta) -> str | None:
    """The sidecar's site, else the first sub-folder of raw/, else the URL's host."""
    if sidecar.site:
        return sidecar.site
    folder, _, _ = source_path.partition("/")
    if folder != source_path:
        return folder
    if sidecar.url:
        host = urlsplit(sidecar.url).hostname or ""
        return host.removeprefix("www.") or None
    return None
