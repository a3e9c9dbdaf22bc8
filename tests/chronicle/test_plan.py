"""Planning: units, rejections decided before decoding, and the diff with the last run."""

from pathlib import Path

from chronicle.plan import diff_units, plan_units, scan_raw


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


def test_broken_links_and_fifos_are_unreadable_not_skipped(tmp_path: Path) -> None:
    import os

    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    units, _ = units_by_path(tmp_path)
    assert units["dangling.txt"].rejection.reason == "unreadable"
    assert "No such file" in units["dangling.txt"].rejection.detail
    assert units["pipe.txt"].rejection.reason == "unreadable"
    assert units["pipe.txt"].rejection.detail == "not a regular file"
