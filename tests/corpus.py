"""Generate raw folders for tests: every kind of bad input, and inputs that need repair."""

from __future__ import annotations

import codecs
import os
import random
from pathlib import Path

ARTICLE = (
    "Leaders meet in Geneva\n\n"
    "The foreign ministers met on Tuesday in Geneva to discuss the ceasefire.\n"
    "Officials said the talks would continue next week, according to a statement.\n"
)
REPAIRED_ARTICLE = "Café owners’ naïve plans — “a résumé” of the talks in Genève.\n" + ARTICLE

# file name -> the reject reason it must produce (with max_file_bytes=50_000)
BAD_INPUTS: dict[str, str] = {
    "empty.txt": "empty",
    "blank.txt": "empty",
    "image.png": "binary",
    "nul.txt": "binary",
    "undecodable.txt": "undecodable",
    "huge.txt": "too_large",
    "dangling.txt": "broken_link",
    "outside.txt": "link_outside_raw",
    "pipe.txt": "not_a_file",
    "copy.txt": "duplicate",
    "badjson.meta.json": "invalid_sidecar",
    "badfields.meta.json": "invalid_sidecar",
    "orphan.meta.json": "orphan_sidecar",
}
MAX_FILE_BYTES = 50_000

# file name -> a repair the decoded document must record
REPAIRED_INPUTS: dict[str, str] = {
    "crlf.txt": "newlines_normalised",
    "bom.txt": "bom_removed",
    "utf16.txt": "bom_removed",
    "mojibake.txt": "mojibake_fixed",
    "controls.txt": "control_chars_removed",
}


def write_bad_inputs(raw: Path, original: Path) -> dict[str, str]:
    """One file per reject reason; ``original`` is an accepted page to duplicate.

    Returns BAD_INPUTS with the folder that cannot be listed (its path depends on raw's).
    """
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "blank.txt").write_bytes(b"  \n\t\n")
    (raw / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (raw / "nul.txt").write_bytes(b"text\x00with\x00nul\x00bytes" * 10)
    (raw / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 8)
    (raw / "huge.txt").write_bytes(ARTICLE.encode() * (MAX_FILE_BYTES // len(ARTICLE) + 10))
    os.symlink(raw / "does-not-exist.txt", raw / "dangling.txt")
    (raw / "copy.txt").write_bytes(original.read_bytes())
    (raw / "badjson.txt").write_text("A page with a broken sidecar.\n" + ARTICLE)
    (raw / "badjson.meta.json").write_bytes(b'{"url": "https://example.org/a",')
    (raw / "badfields.txt").write_text("A page with bad sidecar fields.\n" + ARTICLE)
    (raw / "badfields.meta.json").write_bytes(
        b'{"url": "not a url", "site": "Example", "published_at": "2021-10-22"}'
    )
    (raw / "orphan.meta.json").write_bytes(b'{"site": "nobody"}')
    (raw.parent / "outside-raw.txt").write_text("A file beside the raw folder.\n")
    os.symlink(raw.parent / "outside-raw.txt", raw / "outside.txt")
    os.mkfifo(raw / "pipe.txt")
    return {**BAD_INPUTS, write_deep_folders(raw): "unreadable"}


def write_deep_folders(raw: Path, levels: int = 20) -> str:
    """Folders nested deeper than a path can name (4,096 bytes), with a page at the bottom;
    also unreadable as root. Returns the first folder whose path is too long to list."""
    fd = os.open(raw, os.O_RDONLY)
    too_long = None
    path = ""
    for level in range(levels):
        name = f"{level:02d}" + "d" * 240
        path = f"{path}/{name}" if path else name
        if too_long is None and len(os.fsencode(raw)) + 1 + len(path.encode()) >= 4096:
            too_long = path
        os.mkdir(name, dir_fd=fd)
        child = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = child
    page = os.open("page.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(page, ARTICLE.encode())
    os.close(page)
    os.close(fd)
    assert too_long is not None, "raise levels: the folders are not deep enough"
    return too_long


def write_repaired_inputs(raw: Path) -> None:
    """Pages in awkward encodings that must be accepted and repaired."""
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "crlf.txt").write_bytes(("CRLF page\r\n" + ARTICLE.replace("\n", "\r\n")).encode())
    (raw / "bom.txt").write_bytes(codecs.BOM_UTF8 + ("BOM page\n" + REPAIRED_ARTICLE).encode())
    (raw / "utf16.txt").write_bytes(("UTF-16 page\n" + REPAIRED_ARTICLE).encode("utf-16"))
    (raw / "cp1252.txt").write_bytes(("cp1252 page\n" + REPAIRED_ARTICLE).encode("cp1252"))
    mojibake = "Mojibake page\n" + REPAIRED_ARTICLE.replace("“", "‘").replace("”", "’")
    (raw / "mojibake.txt").write_bytes(mojibake.encode("utf-8").decode("cp1252").encode("utf-8"))
    (raw / "controls.txt").write_bytes(("Control\x07 page\x1b\n" + ARTICLE).encode())


_WORDS = (
    "minister officials talks security energy trade border council agreement delegation "
    "government parliament election budget reform protest court ruling ceasefire army "
    "economy inflation exports harbour railway province governor mayor committee report "
    "spokesman statement negotiations sanctions investment pipeline summit visit allies "
    "opposition coalition vote crisis aid refugees hospital school water drought harvest"
).split()
_GLUE = "the a of in on to and with for after before during while as by from".split()


def synthetic_page(n: int, size: int = 5000) -> str:
    """A realistic page: headline, menu, prose paragraphs unique to page n, share and footer.

    The prose is seeded random words, so lines differ across pages beyond their
    numbers (the boilerplate's site-template evidence ignores digits).
    """
    rng = random.Random(n)
    paragraphs: list[str] = []
    while sum(map(len, paragraphs)) < size:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            words = [
                rng.choice(_WORDS if i % 2 == 0 else _GLUE) for i in range(rng.randint(12, 24))
            ]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    headline = " ".join(rng.choice(_WORDS) for _ in range(6)).capitalize()
    return (
        "\n".join(
            [
                headline,
                "Home | World | Politics | Sport",
                *paragraphs,
                "Share on Facebook",
                "© 2026 Example News. All rights reserved.",
            ]
        )
        + "\n"
    )


def write_synthetic(
    raw: Path, count: int, start: int = 0, size: int = 5000, sites: int = 10
) -> None:
    """``count`` synthetic pages spread over ``sites`` site folders."""
    for n in range(start, start + count):
        folder = raw / f"site{n % sites:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page{n:06d}.txt").write_text(synthetic_page(n, size))
