"""Planning: units, rejections decided before decoding, and the diff with the last run."""

import os
import time
from dataclasses import replace
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


# ------------------------------------------------------------ stat first, content when needed

EVIDENCE = "test-evidence"


def plan_again(root: Path, units, started_ns: int, verify: bool = False):
    """Plan ``root`` after a run that planned ``units`` and published their manifest rows
    (round-tripped through the manifest's columns, as the warehouse stores them)."""
    from chronicle.plan import recorded_fields, recorded_files

    rows = [{"path": u.path, "content_sha256": u.sha256, "line_hashes": list(u.line_hashes),
             **recorded_fields(u, EVIDENCE)} for u in units]  # fmt: skip
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    files, _ = scan_raw(root)
    later = plan_units(root, files, 1_000_000, recorded_files(columns), evidence=EVIDENCE,
                       started_ns=started_ns, verify=verify)  # fmt: skip
    return {u.path: u for u in later}, {u.path for u in later if u.verified_ns == started_ns}


def first_plan(root: Path, read_at_ns: int):
    files, _ = scan_raw(root)
    return plan_units(root, files, 1_000_000, evidence=EVIDENCE, started_ns=read_at_ns)


def newest_change_ns(root: Path) -> int:
    return max(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in root.rglob("*"))


def test_unchanged_stat_keeps_hash_and_evidence_unread(tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": b"Talks\nSigned on March 3, 2024 by Velmora.\n",
                     "a.meta.json": b'{"site": "example.org", "published_at": "2024-03"}',
                     "b.html": b"<p>hi</p>"})  # fmt: skip
    read_at = newest_change_ns(tmp_path) + 10**10  # the run read them 10 s after the writes
    units = first_plan(tmp_path, read_at)
    again, read = plan_again(tmp_path, units, read_at + 10**12)
    assert read == set()
    for unit in units:  # everything the plan knows comes back from the record
        assert again[unit.path] == unit
    assert again["a.txt"].dates.stated == (("2024-03-03", ("signed", "velmora")),)
    assert again["a.txt"].sidecar.published.precision == "month"


def test_touch_is_read_again_and_changes_nothing(tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": b"one page\n", "b.txt": b"another page\n"})
    read_at = newest_change_ns(tmp_path) + 10**10
    units = first_plan(tmp_path, read_at)
    (tmp_path / "a.txt").touch()
    again, read = plan_again(tmp_path, units, time.time_ns())
    assert read == {"a.txt"}
    assert again["a.txt"].fingerprint == units[0].fingerprint  # same content: nothing redone


def test_racily_clean_file_is_read_again(tmp_path: Path) -> None:
    """A file changed in the clock tick in which a run read it keeps its stat: a file
    whose mtime or ctime is not older than the read (less a margin) is read again."""
    write(tmp_path, {"a.txt": b"first text\n", "b.txt": b"old page\n"})
    read_at = newest_change_ns(tmp_path) + 10**10
    (tmp_path / "a.txt").write_bytes(b"first text\n")
    racy_read_at = (tmp_path / "a.txt").stat().st_ctime_ns  # the run read it as it changed
    units = {u.path: u for u in first_plan(tmp_path, read_at)}
    units["a.txt"] = replace(units["a.txt"], verified_ns=racy_read_at)
    _, read = plan_again(tmp_path, list(units.values()), racy_read_at + 10**12)
    assert read == {"a.txt"}


def test_same_size_change_with_restored_mtime(tmp_path: Path) -> None:
    """Writing changes the ctime, which no program can set back: the change is seen.
    Where a filesystem's stat misses a change (here the record is given the new stat),
    only --verify, reading every file, finds it."""
    write(tmp_path, {"a.txt": b"price: 100\n", "b.txt": b"other\n"})
    read_at = newest_change_ns(tmp_path) + 10**10
    units = first_plan(tmp_path, read_at)
    path = tmp_path / "a.txt"
    before = path.stat()
    path.write_bytes(b"price: 900\n")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    later = time.time_ns() + 10**10
    again, read = plan_again(tmp_path, units, later)
    assert read == {"a.txt"} and again["a.txt"].sha256 != units[0].sha256
    from chronicle.plan import FileStat

    blind = [replace(u, stat=FileStat.of(path.stat())) if u.path == "a.txt" else u for u in units]
    again, read = plan_again(tmp_path, blind, later)
    assert read == set() and again["a.txt"].sha256 == units[0].sha256  # stat cannot tell
    again, read = plan_again(tmp_path, blind, later, verify=True)
    assert read == {"a.txt", "b.txt"} and again["a.txt"].sha256 != units[0].sha256


def test_deleted_and_renamed_files(tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": b"stays\n", "b.txt": b"goes\n", "c.txt": b"moves\n"})
    read_at = newest_change_ns(tmp_path) + 10**10
    units = first_plan(tmp_path, read_at)
    (tmp_path / "b.txt").unlink()
    (tmp_path / "c.txt").rename(tmp_path / "d.txt")
    again, read = plan_again(tmp_path, units, time.time_ns() + 10**10)
    assert set(again) == {"a.txt", "d.txt"}
    assert read == {"d.txt"}  # a new path has no record: read
    previous = {u.path: u.fingerprint for u in units}
    plan = diff_units(list(again.values()), previous, pipeline_changed=None)
    assert (plan.new, plan.removed, plan.unchanged) == (["d.txt"], ["b.txt", "c.txt"], ["a.txt"])


def test_evidence_of_another_planning_version_is_read_again(tmp_path: Path) -> None:
    from chronicle.plan import recorded_fields, recorded_files

    write(tmp_path, {"a.txt": b"a page\n"})
    read_at = newest_change_ns(tmp_path) + 10**10
    units = first_plan(tmp_path, read_at)
    row = {"path": "a.txt", "content_sha256": units[0].sha256, "line_hashes": None,
           **recorded_fields(units[0], "older-planning-code")}  # fmt: skip
    recorded = recorded_files({name: [value] for name, value in row.items()})
    files, _ = scan_raw(tmp_path)
    [unit] = plan_units(tmp_path, files, 1000, recorded, evidence=EVIDENCE, started_ns=read_at + 1)
    assert unit.verified_ns == read_at + 1 and unit.line_hashes == units[0].line_hashes


def test_unread_pages_still_give_template_and_landmark_evidence(tmp_path: Path) -> None:
    """Pages trusted by their stat are not read, yet their lines and stated days still
    decide which lines are a site's template and which days are landmarks: adding pages
    redoes exactly the old pages whose evidence changed, and the warehouse equals a
    fresh build."""
    from chronicle.build import build, plan_run
    from chronicle.config import Settings
    from tests.conftest import read_tables

    raw = tmp_path / "raw"
    header = "Daily Courier - all the news\n"
    write(raw, {
        "news/talks.txt": (b"Envoys meet again\n\nSince the March 3 Accord of Velmora, envoys "
                           b"have met four times. They talked on Tuesday, March 19.\n"),
        "news/p1.txt": f"{header}Harbour reopens\n\nThe harbour reopened on Monday.\n".encode(),
        "news/p2.txt": f"{header}Rain expected\n\nRain is expected on Friday.\n".encode(),
    })  # fmt: skip
    time.sleep(2.1)  # older than the racily-clean margin when the first build reads them
    stages = ("articles", "timexes")
    settings = Settings(raw_dir=raw, warehouse_dir=tmp_path / "warehouse", stages=stages)
    build(settings)
    write(raw, {
        "news/accord.txt": b"Accord signed\n\nThe Velmora parties signed the Accord on "
                           b"March 3, 2024, in Geneva.\n",
        "news/p3.txt": f"{header}Bridge closes\n\nThe bridge closes for repairs.\n".encode(),
    })  # fmt: skip
    state = plan_run(settings)
    state.staged.discard()
    plan = state.plan
    assert plan.files_read == 2  # the two new pages; the old ones by their stat alone
    # The Accord dates talks.txt's "March 3"; p3 makes the header a template line of p1, p2.
    assert sorted(plan.new) == ["news/accord.txt", "news/p3.txt"]
    assert sorted(plan.changed) == ["news/p1.txt", "news/p2.txt", "news/talks.txt"]
    build(settings)
    fresh = replace(settings, warehouse_dir=tmp_path / "fresh")
    build(fresh)
    assert read_tables(settings.warehouse_dir) == read_tables(fresh.warehouse_dir)
    again = plan_run(replace(settings, verify=True))
    again.staged.discard()
    assert again.plan.files_read == 5 and not again.plan.has_changes


def test_a_manifest_without_stat_columns_has_every_file_read(tmp_path: Path) -> None:
    """A warehouse published before stat-first planning: its first run reads everything."""
    from chronicle.plan import recorded_files

    write(tmp_path, {"a.txt": b"a page\n"})
    [unit] = first_plan(tmp_path, newest_change_ns(tmp_path) + 10**10)
    old = {"path": ["a.txt"], "kind": ["page"], "fingerprint": [unit.fingerprint],
           "content_sha256": [unit.sha256], "line_hashes": [list(unit.line_hashes)]}  # fmt: skip
    recorded = recorded_files(old)
    assert recorded["a.txt"].stat is None and recorded["a.txt"].line_hashes == unit.line_hashes
    files, _ = scan_raw(tmp_path)
    [again] = plan_units(tmp_path, files, 1000, recorded, evidence=EVIDENCE, started_ns=7)
    assert again.verified_ns == 7 and again.fingerprint == unit.fingerprint
