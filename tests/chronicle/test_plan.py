"""Planning: units, rejections decided before decoding, and the diff with the last run."""

from pathlib import Path

import pytest

from chronicle.plan import diff_units, plan_units, scan_raw
from chronicle.rawfiles import file_name_bytes, file_name_text
from tests.permissions import run_python


def write(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def units_by_path(root: Path, max_bytes: int = 1_000_000):
    files, ignored = scan_raw(root)
    return {u.path: u for u in plan_units(root, files, max_bytes)}, ignored


def test_scan_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path, {"b.txt": b"b", "site/a.txt": b"a", ".hidden": b"x", ".git/config": b"x"})
    files, ignored = scan_raw(tmp_path)
    assert [f.path for f in files] == ["b.txt", "site/a.txt"]
    assert ignored == [".git", ".hidden"]


def test_duplicates_point_at_the_first_path(tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": b"same", "z/b.txt": b"same", "c.txt": b"other"})
    units, _ = units_by_path(tmp_path)
    assert units["a.txt"].rejection is None
    dup = units["z/b.txt"].rejection
    assert dup is not None and (dup.reason, dup.related_path) == ("duplicate", "a.txt")
    assert units["c.txt"].rejection is None


def test_blank_files_are_empty_not_duplicates(tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": b"", "b.txt": b"", "c.txt": b"  \n"})
    units, _ = units_by_path(tmp_path)
    assert {u.rejection.reason for u in units.values() if u.rejection} == {"empty"}


def test_size_limit_and_orphan_sidecars(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "big.txt": b"x" * 101,
            "page.html": b"<p>hi</p>",
            "lonely.meta.json": b"{}",
            "ok.txt": b"fine",
            "ok.meta.json": b"{}",
        },
    )
    units, _ = units_by_path(tmp_path, max_bytes=100)
    assert units["big.txt"].rejection.reason == "too_large"
    assert units["page.html"].rejection is None  # HTML pages are extracted like text pages
    assert units["lonely.meta.json"].rejection.reason == "orphan_sidecar"
    assert units["ok.meta.json"].rejection is None
    assert units["ok.txt"].sidecar_path == "ok.meta.json"


def test_fingerprint_follows_content_sidecar_and_duplicate_status(tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": b"one"})
    before = units_by_path(tmp_path)[0]["a.txt"].fingerprint
    write(tmp_path, {"a.meta.json": b'{"site": "x"}'})
    with_sidecar = units_by_path(tmp_path)[0]["a.txt"].fingerprint
    write(tmp_path, {"0.txt": b"one"})  # a twin that sorts first makes a.txt a duplicate
    as_duplicate = units_by_path(tmp_path)[0]["a.txt"].fingerprint
    assert len({before, with_sidecar, as_duplicate}) == 3


def test_diff_sorts_units_into_new_changed_unchanged_removed(tmp_path: Path) -> None:
    write(tmp_path, {"same.txt": b"s", "edited.txt": b"new", "added.txt": b"a"})
    units, _ = units_by_path(tmp_path)
    previous = {"same.txt": units["same.txt"].fingerprint, "edited.txt": "old", "gone.txt": "x"}
    plan = diff_units(list(units.values()), previous, pipeline_changed=None)
    assert (plan.new, plan.changed, plan.unchanged, plan.removed) == (
        ["added.txt"],
        ["edited.txt"],
        ["same.txt"],
        ["gone.txt"],
    )
    assert [u.path for u in plan.to_process] == ["added.txt", "edited.txt"]
    rebuilt = diff_units(list(units.values()), previous, pipeline_changed="code changed")
    assert rebuilt.unchanged == [] and sorted(rebuilt.changed) == ["edited.txt", "same.txt"]


def test_links_fifos_and_folders_behind_links_are_rejected_not_skipped(tmp_path: Path) -> None:
    import os

    raw = tmp_path / "raw"
    write(raw, {"page.txt": b"a page", "site/inner.txt": b"inner"})
    write(tmp_path, {"secret.txt": b"outside"})
    (raw / "dangling.txt").symlink_to(raw / "missing.txt")
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    (raw / "outside.txt").symlink_to(tmp_path / "secret.txt")
    (raw / "up.txt").symlink_to("../secret.txt")
    (raw / "inside.txt").symlink_to("site/inner.txt")
    (raw / "folder.txt").symlink_to(raw / "site")
    os.mkfifo(raw / "pipe.txt")
    units, _ = units_by_path(raw)
    reasons = {path: u.rejection.reason if u.rejection else None for path, u in units.items()}
    assert reasons == {
        "dangling.txt": "broken_link",
        "loop.txt": "broken_link",
        "outside.txt": "link_outside_raw",
        "up.txt": "link_outside_raw",
        "inside.txt": "duplicate",  # a link inside raw/ is read: the same bytes as its target
        "folder.txt": "not_a_file",
        "pipe.txt": "not_a_file",
        "page.txt": None,
        "site/inner.txt": None,
    }
    assert "missing.txt" in units["dangling.txt"].rejection.detail
    assert "loops" in units["loop.txt"].rejection.detail
    assert "secret.txt" in units["outside.txt"].rejection.detail
    assert units["pipe.txt"].rejection.detail == "a FIFO (named pipe), not read"
    assert units["outside.txt"].sha256 is None  # the outside file is never read


def test_a_link_inside_raw_to_a_file_is_read(tmp_path: Path) -> None:
    write(tmp_path, {"a/page.txt": b"a page"})
    (tmp_path / "b.txt").symlink_to("a/page.txt")
    (tmp_path / "a" / "page.txt").rename(tmp_path / "a" / "moved.txt")
    (tmp_path / "a" / "page.txt").symlink_to("moved.txt")
    units, _ = units_by_path(tmp_path)
    assert units["a/moved.txt"].rejection is None
    assert units["b.txt"].rejection.reason == "duplicate"  # read through two links


@pytest.mark.parametrize(
    "name",
    [
        b"caf\xe9.txt",
        b"caf\\xe9.txt",
        b"back\\slash.txt",
        b"\xff\xfe.txt",
        b"emoji-\xf0\x9f\x93\xb0.txt",
        b"new\nline.txt",
        b"-dash.txt",
        b"quo'te\".txt",
        b"x" * 246 + b".txt",
        b"\xed\xa0\x80.txt",
    ],
)
def test_any_file_name_is_recorded_as_text_that_gives_back_its_bytes(
    tmp_path: Path, name: bytes
) -> None:
    import os

    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
        handle.write(b"page text " + name)
    [raw_file] = scan_raw(tmp_path)[0]
    raw_file.path.encode("utf-8")  # valid text: Parquet and DuckDB take it
    assert file_name_bytes(raw_file.path) == name
    [unit] = plan_units(tmp_path, [raw_file], 1000)
    assert unit.rejection is None and unit.sha256 is not None


def test_names_that_are_not_utf8_cannot_collide_with_their_rendering(tmp_path: Path) -> None:
    import os

    latin1, literal = b"caf\xe9.txt", b"caf\\xe9.txt"  # a Latin-1 byte; backslash, x, e, 9
    for name in (latin1, literal):
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
            handle.write(name)
    paths = sorted(f.path for f in scan_raw(tmp_path)[0])
    assert paths == ["caf\\\\xe9.txt", "caf\\xe9.txt"]
    assert {file_name_text(n) for n in (latin1, literal)} == set(paths)


PLAN_AS_JSON = """
import json, sys
from pathlib import Path
from chronicle.plan import plan_units, scan_raw
raw = Path(sys.argv[1])
units = plan_units(raw, scan_raw(raw)[0], 1000)
print(json.dumps({u.path: u.rejection and [u.rejection.reason, u.rejection.detail] for u in units}))
"""


def test_an_unreadable_folder_is_one_reject_and_the_rest_is_planned(tmp_path: Path) -> None:
    import json

    write(tmp_path, {"ok.txt": b"fine", "locked/page.txt": b"hidden", "closed.txt": b"x"})
    (tmp_path / "locked").chmod(0o000)
    (tmp_path / "closed.txt").chmod(0o000)
    try:
        result = run_python(PLAN_AS_JSON, str(tmp_path))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "closed.txt": ["unreadable", "PermissionError: Permission denied"],
        "locked": ["unreadable", "a folder that cannot be listed: Permission denied"],
        "ok.txt": None,
    }


def test_an_unreadable_raw_folder_stops_planning_with_one_clear_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, {"a.txt": b"a"})
    raw.chmod(0o000)
    try:
        result = run_python(PLAN_AS_JSON, str(raw))
    finally:
        raw.chmod(0o755)
    assert result.returncode == 1
    assert f"RawFolderUnreadable: raw folder {raw} cannot be read: Permission denied" in (
        result.stderr
    )


def test_a_sidecar_that_is_a_link_out_of_raw_is_rejected_and_never_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, {"page.txt": b"a page"})
    write(tmp_path, {"secret.json": b'{"site": "read from outside"}'})
    (raw / "page.meta.json").symlink_to(tmp_path / "secret.json")
    units, _ = units_by_path(raw)
    assert units["page.meta.json"].rejection.reason == "link_outside_raw"
    assert units["page.txt"].sidecar_path is None
    assert units["page.txt"].site is None
