"""Failure trials of a build: kill -9 at each step, a full disk at several free-space
levels, two concurrent runs, readers during builds. Numbers for the docs, not a test.

    .venv/bin/python bench/bench_failures.py                 # every kind, about 15 min
    .venv/bin/python bench/bench_failures.py --kinds kill --kills 24 --nlp-kills 4

Every build is the real CLI (`chronicle run`) in its own process group, on one local
Prefect server started here (so no run pays the ephemeral server's start-up). A trial
*survives* when afterwards `current` names a complete snapshot whose tables equal a
fresh build of the raw folder it was made from (the previous one, or the new one when
the kill came after the swap), the catalog `chronicle.duckdb` and `chronicle query`
read exactly that snapshot, and the next uninterrupted run publishes the tables of a
fresh build with nothing left in `.staging`. Anything else counts as lost or corrupted.
The disk-full trials mount a tmpfs (root only; skipped with the reason otherwise).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from chronicle.warehouse import Warehouse  # noqa: E402
from flows.server import LocalPrefectServer, free_port  # noqa: E402
from schemas import TABLES  # noqa: E402
from tests.corpus import write_synthetic  # noqa: E402

# The steps of a run, in order, as the warehouse folder shows them.
STEPS = (
    "start-up",
    "planning",
    "batches",
    "assembling",
    "moved into snapshots/",
    "writing the catalog",
    "catalog written, not yet current",
    "after the swap (tidying up)",
)
Tables = dict[str, pa.Table]


def cli(raw: Path, warehouse: Path, env: dict[str, str], stages: str, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "flows.cli", "run", "--quiet", "--raw", str(raw)]
    return [*command, "--warehouse", str(warehouse), "--stages", stages, *extra]


def run(raw: Path, warehouse: Path, env: dict[str, str], stages: str, *extra: str):
    return subprocess.run(
        cli(raw, warehouse, env, stages, *extra),
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )


def tables(warehouse: Path) -> Tables:
    """Every data table of the current snapshot, sorted, without run ids."""
    out = {}
    for name, spec in TABLES.items():
        if spec.scope == "log":
            continue
        table = pq.read_table(warehouse / "current" / name)
        table = table.drop_columns([c for c in ("run_id",) if c in table.column_names])
        out[name] = table.sort_by([(k, "ascending") for k in spec.key])
    return out


def step_of(warehouse: Path, known: set[str], before: str) -> str:
    """Which step a running build is at, from what the warehouse folder holds."""
    current = os.readlink(warehouse / "current") if (warehouse / "current").exists() else ""
    new = [p for p in (warehouse / "snapshots").iterdir() if p.name not in known]
    if current and current != before:
        return STEPS[7]
    if new:
        if (new[0] / "chronicle.duckdb").exists():
            return STEPS[6]
        if (new[0] / ".chronicle.duckdb.tmp").exists():
            return STEPS[5]
        return STEPS[4]
    staged = list((warehouse / ".staging").glob("*"))
    if not staged:
        return STEPS[0]
    if (staged[0] / "snapshot").exists():
        return STEPS[3]
    if any((staged[0] / "batches").rglob("*.parquet")):
        return STEPS[2]
    return STEPS[1]


def readable_as(warehouse: Path, references: dict[str, Tables]) -> str | None:
    """Which reference the published warehouse equals through files, catalog and query,
    or None when it equals none (lost or corrupted)."""
    current = warehouse / "current"
    if not (current / "_snapshot.json").exists():
        return None
    try:
        files = tables(warehouse)
        con = duckdb.connect(str(warehouse / "chronicle.duckdb"), read_only=True)
        catalog = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM segments").fetchall()
        con.close()
        query = Warehouse(warehouse).query("SELECT count(*), count(DISTINCT doc_id) FROM segments")
    except Exception as exc:
        print(f"    unreadable: {exc}")
        return None
    expected = [(files["segments"].num_rows, len(set(files["segments"]["doc_id"].to_pylist())))]
    if catalog != expected or query[1] != expected:
        return None
    return next((name for name, ref in references.items() if ref == files), None)


class RawStates:
    """Two raw folders' contents, A and B (B: 3 pages more, 1 changed), and the tables a
    fresh build gives for each."""

    def __init__(self, root: Path, pages: int, env: dict[str, str], stages: str) -> None:
        self.raw = root / "raw"
        self.stages = stages
        self.env = env
        self.pages = pages
        self.references: dict[str, Tables] = {}
        for state in ("A", "B"):
            self.switch(state)
            fresh = root / f"fresh-{state}"
            done = run(self.raw, fresh, env, stages)
            assert done.returncode == 0, done.stderr[-2000:]
            self.references[state] = tables(fresh)
            shutil.rmtree(fresh)

    def switch(self, state: str) -> None:
        shutil.rmtree(self.raw, ignore_errors=True)
        write_synthetic(self.raw, self.pages, size=3000)
        if state == "B":
            write_synthetic(self.raw, 3, start=self.pages, size=3000)
            (self.raw / "site00" / "page000000.txt").write_text("Rewritten\n\nNew words here.\n")


def kill_trials(
    root: Path, env: dict[str, str], trials: int, stages: str, pages: int, aims: tuple[str, ...]
) -> dict:
    """kill -9 aimed at each of ``aims`` in turn; returns counts by step actually hit."""
    states = RawStates(root / stages.replace(",", "-"), pages, env, stages)
    warehouse = root / f"wh-{stages}"
    states.switch("A")
    assert run(states.raw, warehouse, env, stages).returncode == 0
    state, results = "A", Counter()
    rng = random.Random(19)
    for trial in range(trials):
        target = aims[trial % len(aims)]
        previous = state
        state = "B" if state == "A" else "A"
        states.switch(state)
        before = os.readlink(warehouse / "current")
        known = {p.name for p in (warehouse / "snapshots").iterdir()}
        process = subprocess.Popen(
            cli(states.raw, warehouse, env, stages),
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + (rng.uniform(0.3, 4.0) if target == STEPS[0] else 600)
        hit = None
        while process.poll() is None and time.monotonic() < deadline:
            now = step_of(warehouse, known, before)
            if STEPS.index(now) >= STEPS.index(target):
                os.killpg(process.pid, signal.SIGKILL)
                hit = now
                break
            time.sleep(0.0005)
        if hit is None and process.poll() is None:  # start-up: the delay ran out first
            hit = step_of(warehouse, known, before)
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        if hit is None:
            hit = "finished before the kill"
        seen = readable_as(
            warehouse, {"previous": states.references[previous], "new": states.references[state]}
        )
        expected = "new" if hit == STEPS[7] or hit.startswith("finished") else "previous"
        after = run(states.raw, warehouse, env, stages)
        converged = (
            after.returncode == 0
            and tables(warehouse) == states.references[state]
            and not any((warehouse / ".staging").glob("*"))
            and len(list((warehouse / "snapshots").iterdir())) <= 2
        )
        survived = seen == expected and converged
        results[(hit, survived)] += 1
        print(
            f"  kill {trial:2d} aimed at {target!r}, hit {hit!r}: readable as {seen}, "
            f"converged {converged}",
            flush=True,
        )
    return results


def fill(disk: Path, leave_bytes: int) -> Path:
    filler = disk / "filler"
    remaining = max(shutil.disk_usage(disk).free - leave_bytes, 0)
    with filler.open("wb") as f:
        while remaining > 0:
            chunk = min(remaining, 1 << 20)
            f.write(b"\0" * chunk)
            remaining -= chunk
    return filler


def disk_full_trials(root: Path, env: dict[str, str], levels_kb: list[int]) -> dict | str:
    disk = root / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode:
        return f"skipped: cannot mount a tmpfs ({mounted.stderr.strip()})"
    try:
        states = RawStates(root / "disk-raw", 150, env, "none")
        warehouse = disk / "wh"
        states.switch("A")
        assert run(states.raw, warehouse, env, "none").returncode == 0
        results: dict[int, tuple[str, bool]] = {}
        for level in levels_kb:
            states.switch("B")
            before = os.readlink(warehouse / "current")
            filler = fill(disk, level * 1024)
            done = run(states.raw, warehouse, env, "none")
            filler.unlink()
            one_line = done.stderr.count("\n") <= 1 and "Traceback" not in done.stderr
            if done.returncode == 0:
                outcome = "published"
                ok = readable_as(warehouse, {"B": states.references["B"]}) == "B"
            else:
                outcome = f"exit {done.returncode}"
                ok = (
                    done.returncode == 4
                    and one_line
                    and os.readlink(warehouse / "current") == before
                    and readable_as(warehouse, {"A": states.references["A"]}) == "A"
                    and not any((warehouse / ".staging").glob("*"))
                )
            # then back to A with the space free: the next run converges
            states.switch("A")
            again = run(states.raw, warehouse, env, "none")
            ok = ok and again.returncode == 0 and tables(warehouse) == states.references["A"]
            results[level] = (outcome, ok)
            print(
                f"  {level:5d} KB free: {outcome}, survived {ok} {done.stderr.strip()[:160]}",
                flush=True,
            )
        return results
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def concurrent_trials(root: Path, env: dict[str, str], trials: int) -> tuple[int, int]:
    states = RawStates(root / "concurrent", 100, env, "none")
    warehouse = root / "wh-concurrent"
    survived = 0
    for trial in range(trials):
        state = "AB"[trial % 2]
        states.switch(state)
        first, second = (
            subprocess.Popen(
                cli(states.raw, warehouse, env, "none"),
                env=env,
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        )
        codes = sorted([first.wait(), second.wait()])
        loser = (first if first.returncode else second).stderr.read()
        # Prefect may add an "EventsWorker - Still processing items" warning at exit.
        clear = loser.startswith("chronicle: another Chronicle build is running") and not (
            "Traceback" in loser or "ERROR" in loser
        )
        ok = (
            codes in ([0, 3], [0, 0])
            and clear
            and tables(warehouse) == states.references[state]
            and readable_as(warehouse, {state: states.references[state]}) == state
        )
        survived += ok
        print(f"  concurrent {trial}: exit codes {codes}, loser's message clear {clear}, ok {ok}")
        if not clear:
            print("    loser's stderr: " + loser[-1500:])
    return trials, survived


def reader_trials(root: Path, env: dict[str, str], builds: int) -> dict[str, int]:
    """Fresh connections and one long-lived one query a join while builds publish; each
    answer must be the answer of one published snapshot."""
    states = RawStates(root / "readers", 100, env, "none")
    warehouse = root / "wh-readers"
    states.switch("A")
    assert run(states.raw, warehouse, env, "none").returncode == 0

    def answer(ref: Tables) -> tuple:
        return (ref["documents"].num_rows, len(set(ref["segments"]["doc_id"].to_pylist())))

    valid = {answer(ref) for ref in states.references.values()}
    sql = (
        "SELECT count(DISTINCT d.doc_id), count(DISTINCT s.doc_id) FROM documents d "
        "LEFT JOIN segments s USING (doc_id)"
    )
    counts = Counter()
    stop = threading.Event()

    def read(make: Callable[[], duckdb.DuckDBPyConnection], kind: str) -> None:
        con = make() if kind == "long-lived" else None
        while not stop.is_set():
            try:
                c = con or make()
                row = c.execute(sql).fetchall()[0]
                if con is None:
                    c.close()
                counts[f"{kind} consistent" if row in valid else f"{kind} MIXED"] += 1
            except duckdb.Error as exc:
                counts[f"{kind} error: {type(exc).__name__}"] += 1
            time.sleep(0.05)

    # fresh connections as `chronicle query` makes them; the long-lived one as a user's
    catalog = str(warehouse / "chronicle.duckdb")
    threads = [
        threading.Thread(
            target=read, args=(lambda: Warehouse(warehouse).connect(), "fresh connection")
        ),
        threading.Thread(
            target=read, args=(lambda: duckdb.connect(catalog, read_only=True), "long-lived")
        ),  # plain DuckDB on warehouse/chronicle.duckdb, held across every build
    ]
    for thread in threads:
        thread.start()
    for build in range(builds):
        states.switch("BA"[build % 2])
        assert run(states.raw, warehouse, env, "none").returncode == 0
    stop.set()
    for thread in threads:
        thread.join()
    return dict(counts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kinds", default="kill,disk,concurrent,readers")
    parser.add_argument("--kills", type=int, default=24, help="kill trials without NLP")
    parser.add_argument("--nlp-kills", type=int, default=4, help="kill trials with NLP")
    parser.add_argument("--levels-kb", default="0,64,256,512,1024,2048,4096,8192")
    args = parser.parse_args()
    kinds = set(args.kinds.split(","))
    root = Path(tempfile.mkdtemp(prefix="chronicle-failures-"))
    home = root / "prefect-home"
    with LocalPrefectServer(home, port=free_port(), ui=False) as server:
        env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": server.api_url}
        env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
        rows = []
        if "kill" in kinds:
            for stages, trials, pages in (("none", args.kills, 300), ("all", args.nlp_kills, 12)):
                if not trials:
                    continue
                stage_arg = "none" if stages == "none" else "articles,timexes,entities,events"
                print(f"kill -9 trials, stages {stages}", flush=True)
                # with NLP, fewer trials: aimed at the steps where the stages matter and
                # at the publish steps
                aims = STEPS if stages == "none" else (STEPS[2], STEPS[3], STEPS[5], STEPS[7])
                results = kill_trials(root, env, trials, stage_arg, pages, aims)
                for (hit, ok), n in sorted(results.items()):
                    rows.append(
                        (f"kill -9 ({stages} stages) at {hit}", n, n if ok else 0, 0 if ok else n)
                    )
        if "disk" in kinds:
            print("disk-full trials", flush=True)
            levels = [int(x) for x in args.levels_kb.split(",")]
            outcome = disk_full_trials(root, env, levels)
            if isinstance(outcome, str):
                rows.append(("disk full", 0, 0, outcome))
            else:
                for level, (what, ok) in outcome.items():
                    rows.append((f"disk full, {level} KB free ({what})", 1, int(ok), int(not ok)))
        if "concurrent" in kinds:
            print("concurrent runs", flush=True)
            trials, survived = concurrent_trials(root, env, 3)
            rows.append(("two concurrent runs", trials, survived, trials - survived))
        if "readers" in kinds:
            print("readers during builds", flush=True)
            counts = reader_trials(root, env, 5)
            for kind, n in sorted(counts.items()):
                bad = "MIXED" in kind
                rows.append(
                    (f"reader queries during 5 builds: {kind}", n, 0 if bad else n, n if bad else 0)
                )
    print("\n| trial kind | trials | survived | lost or corrupted |\n|---|---:|---:|---:|")
    for kind, trials, survived, lost in rows:
        print(f"| {kind} | {trials} | {survived} | {lost} |")
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
