"""A corpus of bad raw input, one kind at a time, and what a build must make of each.

Every kind writes its files into a folder and says where each file must end: in
``documents``, or in ``rejects`` with a reason code. A build over the folder must account
for every file exactly once (``run_kind``), whatever the file. Used by
tests/chronicle/test_bad_inputs.py and bench/bench_bad_inputs.py (the trial table).
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tests.corpus import write_deep_folders

MB = 1024 * 1024
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Expect:
    """Where one file must end: ``table`` is documents or rejects (with ``reason``)."""

    path: str
    table: str
    reason: str | None = None
    detail: str = ""  # a phrase the reject's detail must contain


def text_page(kind: str, extra: str = "") -> str:
    """A short news page unique to the kind (so kinds never duplicate each other)."""
    return (
        f"Ministers meet over {kind}\n\n"
        f"The foreign ministers met on Tuesday in Geneva to discuss {kind}.{extra}\n"
        "Officials said the talks would continue next week, according to a statement.\n"
    )


Writer = Callable[[Path, Path], list[Expect]]


@dataclass(frozen=True)
class Kind:
    """One kind of bad input: ``write(folder, outside)`` writes it and says what to expect."""

    name: str
    write: Writer
    stages: tuple[str, ...] = ()  # optional stages of its build (none: ingest only)
    modes: bool = False  # needs file modes honoured (mode 000)
    grows: str | None = None  # a file appended to while the build runs
    heavy: bool = False  # seconds to minutes: a slow test
    checks: tuple[Callable[[dict], None], ...] = field(default_factory=tuple)


def _bytes(name: str, data: bytes, table: str = "rejects", reason: str | None = None, detail=""):
    def write(folder: Path, outside: Path) -> list[Expect]:
        (folder / name).write_bytes(data)
        return [Expect(name, table, reason, detail)]

    return write


def _page(name: str, data: bytes):
    return _bytes(name, data, "documents")


def _named(raw_name: bytes, expected: str) -> Writer:
    def write(folder: Path, outside: Path) -> list[Expect]:
        with open(os.path.join(os.fsencode(folder), raw_name), "wb") as handle:
            handle.write(text_page(repr(raw_name)).encode())
        return [Expect(expected, "documents")]

    return write


def _sidecar(page_name: str, meta: bytes, detail: str) -> Writer:
    """A page with a bad sidecar: the page is a document, the sidecar a reject."""

    def write(folder: Path, outside: Path) -> list[Expect]:
        (folder / f"{page_name}.txt").write_text(text_page(page_name))
        (folder / f"{page_name}.meta.json").write_bytes(meta)
        return [
            Expect(f"{page_name}.txt", "documents"),
            Expect(f"{page_name}.meta.json", "rejects", "invalid_sidecar", detail),
        ]

    return write


def _link(name: str, target: Callable[[Path, Path], str | Path], reason: str, detail: str):
    def write(folder: Path, outside: Path) -> list[Expect]:
        os.symlink(target(folder, outside), folder / name)
        return [Expect(name, "rejects", reason, detail)]

    return write


def _mode_000_file(folder: Path, outside: Path) -> list[Expect]:
    (folder / "locked.txt").write_text(text_page("locked"))
    (folder / "locked.txt").chmod(0)
    return [Expect("locked.txt", "rejects", "unreadable", "Permission denied")]


def _mode_000_folder(folder: Path, outside: Path) -> list[Expect]:
    (folder / "closed").mkdir()
    (folder / "closed" / "page.txt").write_text(text_page("closed folder"))
    (folder / "closed").chmod(0)
    return [Expect("closed", "rejects", "unreadable", "cannot be listed")]


def _link_to_folder(folder: Path, outside: Path) -> list[Expect]:
    (folder / "sub").mkdir()
    (folder / "sub" / "page.txt").write_text(text_page("a folder behind a link"))
    os.symlink("sub", folder / "folder.txt")
    return [Expect("sub/page.txt", "documents"), Expect("folder.txt", "rejects", "not_a_file")]


def _deep_folders(folder: Path, outside: Path) -> list[Expect]:
    too_long = write_deep_folders(folder)
    return [Expect(too_long, "rejects", "unreadable", "File name too long")]


def _fifo(folder: Path, outside: Path) -> list[Expect]:
    os.mkfifo(folder / "pipe.txt")
    return [Expect("pipe.txt", "rejects", "not_a_file", "FIFO")]


def _socket(folder: Path, outside: Path) -> list[Expect]:
    # AF_UNIX paths are limited to about 107 bytes: bind from inside the folder.
    with contextlib.chdir(folder), socket.socket(socket.AF_UNIX) as sock:
        sock.bind("socket.txt")
    return [Expect("socket.txt", "rejects", "not_a_file", "socket")]


def _folder_named_txt(folder: Path, outside: Path) -> list[Expect]:
    (folder / "x.txt").mkdir()
    (folder / "x.txt" / "inner.txt").write_text(text_page("a folder named x.txt"))
    return [Expect("x.txt/inner.txt", "documents")]


def _duplicate(folder: Path, outside: Path) -> list[Expect]:
    (folder / "a.txt").write_text(text_page("duplicate"))
    (folder / "b.txt").write_text(text_page("duplicate"))
    return [Expect("a.txt", "documents"), Expect("b.txt", "rejects", "duplicate", "a.txt")]


def _orphan_sidecar(folder: Path, outside: Path) -> list[Expect]:
    (folder / "alone.meta.json").write_text('{"site": "nobody"}')
    return [Expect("alone.meta.json", "rejects", "orphan_sidecar")]


def _tiny_files(count: int) -> Writer:
    def write(folder: Path, outside: Path) -> list[Expect]:
        expects = []
        for n in range(count):
            sub = folder / f"f{n // 1000:02d}"
            sub.mkdir(exist_ok=True)
            (sub / f"{n:05d}.txt").write_text(f"Tiny page number {n} about the talks.\n")
            expects.append(Expect(f"f{n // 1000:02d}/{n:05d}.txt", "documents"))
        return expects

    return write


def _large(size: int) -> Writer:
    def write(folder: Path, outside: Path) -> list[Expect]:
        line = text_page(f"a file of {size} bytes").encode()
        with open(folder / "large.txt", "wb") as handle:
            for _ in range(size // len(line) + 1):
                handle.write(line)
        return [Expect("large.txt", "rejects", "too_large", "over the limit")]

    return write


def _lines(count: int) -> bytes:
    return b"".join(b"%x\n" % n for n in range(count))  # 14 MB for 2 million


def _long_page(folder: Path, outside: Path) -> list[Expect]:
    """Over spaCy's 1,000,000-character limit: a report with an inline base64 image (as
    scraped pages carry them), parsed in pieces. Few tokens per character keep it quick."""
    report = "".join(
        text_page("the long report").replace("Tuesday", f"day {n} of the summit")
        for n in range(300)
    )
    image = "data:image/png;base64," + base64.b64encode(os.urandom(720_000)).decode()
    (folder / "long.txt").write_text(report + "\n" + image + "\n\n" + report)
    return [Expect("long.txt", "documents")]


def _check_long_page(result: dict) -> None:
    docs = [d for d in result["documents"] if d["source_path"].endswith("long.txt")]
    assert len(docs) == 1 and docs[0]["body_chars"] > 1_000_000, docs


def _html_scripts_css(folder: Path, outside: Path) -> list[Expect]:
    css = "".join(
        f".c{n} {{ color: #{n % 4096:03x}; margin: {n % 9}px; }}\n" for n in range(60_000)
    )
    html = (
        "<!doctype html><html><head><title>Talks in Geneva</title>"
        f"<style>{css}</style><script>var x = '<p>not text</p>'; alert(1);</script></head>"
        "<body><article><h1>Talks in Geneva</h1>"
        + "".join(f"<p>{line}</p>" for line in text_page("html").splitlines() if line)
        + "<script>document.write('injected');</script></article></body></html>"
    )
    (folder / "page.html").write_text(html)
    return [Expect("page.html", "documents")]


def _ansi(folder: Path, outside: Path) -> list[Expect]:
    line = "\x1b[1;31mBreaking:\x1b[0m\x1b[K ministers met in Geneva.\x1b]0;title\x07\x1bM\n"
    (folder / "ansi.txt").write_text(line * 30 + text_page("escape codes"))
    return [Expect("ansi.txt", "documents")]


def _check_ansi(result: dict) -> None:
    docs = [d for d in result["documents"] if d["source_path"].endswith("ansi.txt")]
    assert len(docs) == 1, "ansi.txt is not a document"
    assert "escape_codes_removed" in docs[0]["repairs"], docs[0]["repairs"]


def _check_names(result: dict) -> None:
    for doc in result["documents"]:
        doc["source_path"].encode("utf-8")  # valid text in Parquet


def _far_future(folder: Path, outside: Path) -> list[Expect]:
    return _sidecar(
        "farfuture",
        b'{"published_at": "9999-12-31", "fetched_at": "9999-12-31T23:59:59Z"}',
        "out of range",
    )(folder, outside)


def _future(folder: Path, outside: Path) -> list[Expect]:
    year = datetime.now(UTC).year + 3
    meta = json.dumps({"published_at": f"{year}-05-01", "fetched_at": f"{year}-05-01T10:00:00Z"})
    return _sidecar("future", meta.encode(), "out of range")(folder, outside)


def _growing(folder: Path, outside: Path) -> list[Expect]:
    (folder / "growing.txt").write_text(text_page("a growing page"))
    return [Expect("growing.txt", "documents")]


def _deep_json() -> bytes:
    return b"[" * 100_000 + b"]" * 100_000


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 20
CONTROLS = (bytes(range(1, 9)) + bytes(range(14, 32))) * 100
NLP_STAGES = ("timexes", "entities", "events")
WRONG_TYPES = b'{"url": 5, "site": ["x"], "published_at": 2021, "fetched_at": {}}'
PATH_LIKE = b'{"url": "file:///etc/passwd", "site": "../../etc"}'


def _outside_relative(folder: Path, outside: Path) -> str:
    return os.path.relpath(outside / "secret.txt", folder)


KINDS: tuple[Kind, ...] = (
    Kind("empty file", _bytes("empty.txt", b"", reason="empty")),
    Kind("whitespace only", _bytes("blank.txt", b" \n\t\r\n  ", reason="empty")),
    Kind("NUL bytes", _bytes("nul.txt", b"text\x00with\x00nul" * 50, reason="binary")),
    Kind("PNG image", _bytes("image.txt", PNG, reason="binary")),
    Kind("JPEG image", _bytes("photo.txt", JPEG, reason="binary")),
    Kind("gzip", _bytes("page.txt.gz", gzip.compress(text_page("gzip").encode()), reason="binary")),
    Kind("PDF", _bytes("report.pdf", PDF, reason="binary")),
    Kind("random bytes", _bytes("noise.txt", os.urandom(65536), reason="binary")),
    Kind("control characters", _bytes("controls.txt", CONTROLS, reason="binary")),
    Kind("undecodable bytes", _bytes("high.txt", bytes(range(128, 256)) * 8, reason="undecodable")),
    Kind("UTF-16 LE without BOM", _page("le.txt", text_page("UTF-16 LE").encode("utf-16-le"))),
    Kind("UTF-16 BE without BOM", _page("be.txt", text_page("UTF-16 BE").encode("utf-16-be"))),
    Kind("UTF-8 with BOM", _page("bom.txt", b"\xef\xbb\xbf" + text_page("a BOM").encode())),
    Kind("cp1252", _page("cp1252.txt", text_page("Café naïve “quotes”").encode("cp1252"))),
    Kind("ANSI escape codes (6 %)", _ansi, checks=(_check_ansi,)),
    Kind("HTML with scripts and huge CSS", _html_scripts_css, stages=("articles",)),
    Kind("30 MB file", _large(30 * MB)),
    Kind("100 MB file", _large(100 * MB), heavy=True),
    Kind("2 million short lines", _page("lines.txt", _lines(2_000_000)), heavy=True),
    Kind("5 MB line", _page("oneline.txt", b"word " * (MB + 1)), heavy=True),
    Kind(
        "page over 1,000,000 characters",
        _long_page,
        stages=NLP_STAGES,
        heavy=True,
        checks=(_check_long_page,),
    ),
    Kind("name not UTF-8", _named(b"caf\xe9.txt", "caf\\xe9.txt"), checks=(_check_names,)),
    Kind("name with a backslash", _named(b"back\\slash.txt", "back\\\\slash.txt")),
    Kind("name with a newline", _named(b"new\nline.txt", "new\nline.txt")),
    Kind("name with emoji", _named("news-📰.txt".encode(), "news-📰.txt")),
    Kind("name of 250 bytes", _named(b"n" * 246 + b".txt", "n" * 246 + ".txt")),
    Kind("name with a leading dash", _named(b"-rf.txt", "-rf.txt")),
    Kind("name with quotes", _named(b'it\'s "quoted"; x.txt', 'it\'s "quoted"; x.txt')),
    Kind("mode 000 file", _mode_000_file, modes=True),
    Kind("mode 000 folder", _mode_000_folder, modes=True),
    Kind(
        "link to /etc/passwd",
        _link("passwd.txt", lambda f, o: "/etc/passwd", "link_outside_raw", "/etc/passwd"),
    ),
    Kind(
        "relative link out of raw/",
        _link("up.txt", _outside_relative, "link_outside_raw", "secret.txt"),
    ),
    Kind("symlink loop", _link("loop.txt", lambda f, o: f / "loop.txt", "broken_link", "loops")),
    Kind(
        "dangling symlink",
        _link("dangling.txt", lambda f, o: f / "gone.txt", "broken_link", "does not exist"),
    ),
    Kind("link to a folder", _link_to_folder),
    Kind("FIFO", _fifo),
    Kind("Unix socket", _socket),
    Kind("folder named x.txt", _folder_named_txt),
    Kind("path over 4,096 bytes (deep folders)", _deep_folders),
    Kind("duplicate", _duplicate),
    Kind("orphan sidecar", _orphan_sidecar),
    Kind(
        "sidecar not JSON", _sidecar("notjson", b'{"url": "https://a.example/",', "not valid JSON")
    ),
    Kind("sidecar with wrong types", _sidecar("types", WRONG_TYPES, "expected a non-empty string")),
    Kind("sidecar of 10 MB", _sidecar("big", b'{"site": "' + b"x" * (10 * MB) + b'"}', "larger")),
    Kind("sidecar nested 100,000 deep", _sidecar("deep", _deep_json(), "not valid JSON")),
    Kind("sidecar with a future date", _future),
    Kind("sidecar with a far-future date", _far_future),
    Kind("sidecar with path-like values", _sidecar("pathlike", PATH_LIKE, "not an http(s) URL")),
    Kind("10,000 tiny files", _tiny_files(10_000), heavy=True),
    Kind("file growing while read", _growing, grows="growing.txt"),
)


# --- running a build over one kind -------------------------------------------------------

_BUILD = """
import json, sys
from pathlib import Path
from chronicle.build import build
from chronicle.config import Settings
raw, warehouse, stages = sys.argv[1], sys.argv[2], tuple(json.loads(sys.argv[3]))
build(Settings(raw_dir=Path(raw), warehouse_dir=Path(warehouse), stages=stages, workers=1))
"""


@contextlib.contextmanager
def _appending(path: Path) -> Iterator[None]:
    """Append a line to ``path`` every few milliseconds until the block ends."""
    done = threading.Event()

    def grow() -> None:
        n = 0
        while not done.is_set():
            with open(path, "a") as handle:
                handle.write(f"Update {n}: the talks go on.\n")
            n += 1
            time.sleep(0.002)

    thread = threading.Thread(target=grow, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def published(warehouse: Path) -> dict[str, list[dict]]:
    """The published documents and rejects rows (without bodies)."""
    import pyarrow.parquet as pq

    current = warehouse / "current"
    return {
        "documents": pq.read_table(
            current / "documents", columns=["source_path", "repairs", "body_chars"]
        ).to_pylist(),
        "rejects": pq.read_table(
            current / "rejects", columns=["source_path", "reason", "detail"]
        ).to_pylist(),
    }


def build_folder(
    raw: Path, warehouse: Path, stages: tuple[str, ...], prefix: list[str] | None = None
) -> None:
    """A build as ``chronicle run --stages ...`` makes it, without Prefect; with ``prefix``
    (file modes honoured) in a child process."""
    if prefix is None:
        from chronicle.build import build
        from chronicle.config import Settings

        build(Settings(raw_dir=raw, warehouse_dir=warehouse, stages=stages, workers=1))
        return
    result = subprocess.run(
        [*prefix, sys.executable, "-c", _BUILD, str(raw), str(warehouse), json.dumps(stages)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode:
        raise RuntimeError(f"the build failed:\n{result.stderr[-3000:]}")


def write_kind(kind: Kind, folder: Path, outside: Path) -> list[Expect]:
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text("a file outside the raw folder\n")
    return kind.write(folder, outside)


def restore_modes(folder: Path) -> None:
    """Make mode-000 entries removable again (os.walk skips what it cannot list)."""
    for parent, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = os.path.join(parent, name)
            with contextlib.suppress(OSError):
                info = os.lstat(path)
                if stat.S_IMODE(info.st_mode) == 0 and not stat.S_ISLNK(info.st_mode):
                    os.chmod(path, 0o755 if stat.S_ISDIR(info.st_mode) else 0o644)


def accounting_errors(expects: list[Expect], result: dict[str, list[dict]]) -> list[str]:
    """What is wrong with where the files ended (empty when each is where it must be)."""
    seen: dict[str, list[tuple[str, dict]]] = {}
    for table in ("documents", "rejects"):
        for row in result[table]:
            seen.setdefault(row["source_path"], []).append((table, row))
    errors = []
    for expect in expects:
        found = seen.pop(expect.path, [])
        if len(found) != 1:
            errors.append(f"{expect.path!r}: in {[t for t, _ in found]} (expected once)")
            continue
        table, row = found[0]
        if table != expect.table:
            errors.append(f"{expect.path!r}: in {table}, expected {expect.table}")
        elif table == "rejects" and (
            row["reason"] != expect.reason or expect.detail not in row["detail"]
        ):
            errors.append(
                f"{expect.path!r}: {row['reason']} ({row['detail'][:200]}), expected "
                f"{expect.reason} ({expect.detail})"
            )
    errors += [f"{path!r}: unexpected in {[t for t, _ in rows]}" for path, rows in seen.items()]
    return errors


@dataclass
class KindResult:
    kind: str
    files: int
    survived: bool  # the build published
    lost: int  # files not in documents or rejects exactly once
    wrong: int  # files accounted for once, but in the other table or with another reason
    seconds: float
    errors: list[str]


def run_kind(kind: Kind, workdir: Path, modes_prefix: list[str] | None = None) -> KindResult:
    """Write one kind into a fresh raw folder, build it, check where every file ended.

    ``modes_prefix`` runs the build in a child process with file modes honoured (for
    kinds with ``modes``; see tests/permissions.py).
    """
    raw, warehouse = workdir / "raw", workdir / "warehouse"
    expects = write_kind(kind, raw, workdir / "outside")
    started = time.perf_counter()
    try:
        with _appending(raw / kind.grows) if kind.grows else contextlib.nullcontext():
            build_folder(raw, warehouse, kind.stages, modes_prefix if kind.modes else None)
    except Exception as exc:  # the trial counts it as not survived
        restore_modes(raw)
        return KindResult(kind.name, len(expects), False, len(expects), 0, 0.0, [repr(exc)])
    seconds = time.perf_counter() - started
    restore_modes(raw)
    result = published(warehouse)
    errors = accounting_errors(expects, result)
    for check in kind.checks:
        try:
            check(result)
        except AssertionError as exc:
            errors.append(f"{kind.name}: {exc}")
    lost = sum(1 for e in errors if "expected once" in e)
    wrong = sum(1 for e in errors if ", expected " in e)
    return KindResult(kind.name, len(expects), True, lost, wrong, seconds, errors)
