"""The ``chronicle`` command: build the warehouse, serve it on a schedule, extract pages,
query the catalog, write the HTML report."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import re
import shutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from chronicle.config import OPTIONAL_STAGES, RUNNERS

EXAMPLES = """examples:
  chronicle run                                   build or update warehouse/ from raw/
  chronicle run --workers 2                       the NLP stages on two worker processes
  chronicle run --runner dask --dask-address tcp://10.0.0.5:8786   on a Dask cluster
  chronicle serve                                 rebuild every hour (Prefect UI on :4200)
  chronicle serve --cron "*/15 * * * *"           every 15 minutes
  chronicle extract raw/page.txt                  one JSON object per file on stdout
  chronicle extract --no-clean --reference-date 2021-10-22 page.txt
  chronicle query "SELECT site, count(*) FROM documents GROUP BY site"
  chronicle query --format csv "SELECT * FROM rejects"
  chronicle report --out report.html              the HTML report of the warehouse

exit status: 0 ok, 1 the build or query failed (nothing published), 2 bad input or
setup (a refused query included), 3 another build holds the warehouse, 4 the disk is
full (nothing published, the failed run's files removed).
"""

DEFAULT_CRON = "0 * * * *"  # hourly, on the hour (UTC)


def _json_default(value: object) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)


def _use_project_prefect_home(quiet: bool = False) -> None:
    """Keep Prefect's database, logs and results inside the project, not in $HOME.

    Must run before Prefect is imported: Prefect reads its settings once, on import.
    """
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The ephemeral API server can take a while to start on a busy two-core machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    if quiet:  # warnings and errors still reach the terminal; run logs still reach the API
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")


def _parse_stages(value: str | None) -> list[str] | None:
    """'articles,timexes' -> list; 'none' -> []; None -> the default stages."""
    if value is None:
        return None
    return [] if value.strip().lower() == "none" else [s.strip() for s in value.split(",") if s]


def _error(message: str, status: int) -> int:
    print(f"chronicle: {message}", file=sys.stderr)
    return status


def _disk_full_message(warehouse: Path) -> str:
    try:
        free = f"{shutil.disk_usage(warehouse if warehouse.exists() else '.').free / 1e6:.1f} MB"
    except OSError:
        free = "unknown"
    return (
        f"the disk is full (free on the warehouse's disk now: {free}). Nothing was "
        "published: the previous snapshot stays current, and this run's files were "
        f"removed. Free some space on the disk of {warehouse} (and of the Prefect home and "
        "temporary folder) and run again."
    )


def _release_frames(exc: BaseException | None) -> None:
    """Clear the locals of a handled exception's frames: the DuckDB connections a failed
    write left there would otherwise live until exit and make DuckDB's bindings print
    leak reports after our one-line message."""
    import traceback

    while exc is not None:
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


class _HeldRunErrors(logging.Filter):
    """Holds back the console's error records of flow and task runs (Prefect's ERROR
    lines and tracebacks) until the CLI knows whether it has a one-line message for the
    failure; they reach the run's logs in the Prefect UI either way."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and record.name.startswith(
            ("prefect.flow_runs", "prefect.task_runs")
        ):
            self.held.append(record)
            return False
        return True


@contextmanager
def _hold_run_errors() -> Iterator[list[logging.LogRecord]]:
    """Yields the held records; the caller clears the list for failures it explains."""
    import prefect  # noqa: F401  (configures Prefect's console handler)
    from prefect.logging.handlers import PrefectConsoleHandler

    handlers = [h for h in logging.getLogger().handlers if isinstance(h, PrefectConsoleHandler)]
    held = _HeldRunErrors()
    for handler in handlers:
        handler.addFilter(held)
    try:
        yield held.held
    finally:
        for handler in handlers:
            handler.removeFilter(held)
        for record in held.held:  # failures the CLI could not explain: show Prefect's view
            for handler in handlers:
                handler.handle(record)


def _runner_options(args: argparse.Namespace) -> dict[str, Any]:
    """Flow parameters for --workers/--runner/--dask-address (a Dask address implies dask)."""
    runner = args.runner or ("dask" if args.dask_address else None)
    return {"workers": args.workers, "runner": runner, "dask_address": args.dask_address}


def _check_runner_options(args: argparse.Namespace) -> str | None:
    """A message saying what to change, or None."""
    if args.workers is not None and args.workers < 0:
        return "--workers must be 0 (one per core) or more"
    if args.dask_address and args.runner not in (None, "dask"):
        return "--dask-address needs --runner dask (or leave --runner out)"
    if args.dask_address and "://" not in args.dask_address:
        return f"--dask-address {args.dask_address!r} is not an address like tcp://HOST:8786"
    return None


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    """A rich progress bar over the documents of the run: yields the listener that batches
    call with (documents done, documents to do), or None."""
    if not enabled:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("documents"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        transient=True,
    )
    task_id = bar.add_task("documents", total=None, visible=False)

    def listener(done: int, total: int) -> None:
        bar.update(task_id, completed=done, total=total, visible=total > 0)

    with bar:
        yield listener


def _prefect_api_for_run(args: argparse.Namespace) -> str | None:
    """Where ``chronicle run`` reports to Prefect: "" for Prefect's temporary server, None
    to build without Prefect (no server configured or serving, and nothing asked for one).

    Prefect must not have been imported yet: a server found here goes into its settings.
    """
    from flows.server import serving_api_url

    if args.prefect is False:
        return None
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    serving = serving_api_url(Path(os.environ["PREFECT_HOME"]))
    if serving:
        os.environ["PREFECT_API_URL"] = serving
        return serving
    # Worker processes and Dask are Prefect task runners.
    parallel = args.runner or args.dask_address or (args.workers or 0) > 1
    return "" if args.prefect or parallel else None


def _build_in_flow(args: argparse.Namespace, progress: Any) -> dict:
    from flows.build import build_warehouse, progress_listeners

    if progress is not None:
        progress_listeners.append(progress)
    try:
        return build_warehouse(
            raw_dir=str(args.raw),
            warehouse_dir=str(args.warehouse),
            batch_size=args.batch_size,
            lock_wait_s=args.wait,
            stages=_parse_stages(args.stages),
            verify=args.verify or None,
            **_runner_options(args),
        )
    finally:
        if progress is not None:
            progress_listeners.remove(progress)


def _build_without_prefect(args: argparse.Namespace, progress: Any) -> dict:
    from chronicle.config import Settings
    from flows.local import build_without_prefect

    logging.basicConfig(
        format="%(asctime)s | %(levelname)-7s | %(name)s - %(message)s",
        datefmt="%H:%M:%S",
        level=logging.WARNING if args.quiet else logging.INFO,
    )
    stages = _parse_stages(args.stages)
    settings = Settings.from_env().with_overrides(
        raw_dir=args.raw,
        warehouse_dir=args.warehouse,
        batch_size=args.batch_size,
        lock_wait_s=args.wait,
        stages=tuple(stages) if stages is not None else None,
        verify=args.verify or None,
        workers=args.workers,
    )
    return build_without_prefect(settings, progress)


def cmd_run(args: argparse.Namespace) -> int:
    problem = _check_runner_options(args)
    if problem:
        return _error(problem, 2)
    if not args.raw.is_dir():
        return _error(f"raw folder {args.raw} does not exist: create it or pass --raw DIR", 2)
    try:
        os.scandir(args.raw).close()
    except OSError as exc:
        return _error(
            f"raw folder {args.raw} cannot be read ({exc.strerror}): check its permissions", 2
        )
    _use_project_prefect_home(args.quiet)
    api = _prefect_api_for_run(args)
    from chronicle.stages import StageFailed
    from chronicle.validation import ValidationFailed
    from chronicle.warehouse import WarehouseLocked, is_disk_full

    build = _build_without_prefect if api is None else _build_in_flow
    documents_named = (
        "the message names every document concerned"
        if api is None
        else "the run's report in the Prefect UI lists every document concerned"
    )
    with _hold_run_errors() if api is not None else nullcontext([]) as prefect_errors:
        try:
            with _progress(not args.quiet and sys.stderr.isatty()) as progress:
                summary = build(args, progress)
        except WarehouseLocked as exc:
            prefect_errors.clear()
            return _error(str(exc), 3)
        except StageFailed as exc:
            prefect_errors.clear()
            return _error(
                f"{exc}\nNothing was published; the previous snapshot stays current. Fix the "
                "stage, or move those files out of the raw folder, and run again "
                f"({documents_named}).",
                1,
            )
        except ValidationFailed as exc:
            prefect_errors.clear()
            return _error(
                f"{exc}\nThe rows above break the table contracts (schemas/); fix the stage "
                "that made them and run again.",
                1,
            )
        except Exception as exc:
            if is_disk_full(exc):
                prefect_errors.clear()
                _release_frames(exc)
                return _error(_disk_full_message(args.warehouse), 4)
            if isinstance(exc, OSError | TimeoutError) and (
                args.runner == "dask" or args.dask_address
            ):
                return _error(
                    f"the Dask cluster failed: {exc}. Check that the scheduler runs at "
                    f"{args.dask_address or 'the local cluster'} and that its workers can "
                    "import chronicle and read the raw and warehouse folders.",
                    2,
                )
            raise
    if not args.quiet:
        counts = ", ".join(f"{k} {v}" for k, v in summary["table_rows"].items())
        print(
            f"run {summary['run_id']}: {summary['files_seen']} files "
            f"({summary['files_new']} new, {summary['files_changed']} changed, "
            f"{summary['files_removed']} removed, {summary['files_rejected']} rejected); "
            f"rows: {counts}"
        )
        if api is None:
            print(
                "(built without Prefect: no PREFECT_API_URL and no `chronicle serve` running; "
                "the runs table and the HTML report record the run. --prefect records it in "
                "Prefect too, starting its temporary server)"
            )
        elif api:
            print(f"(Prefect flow run on {api.removesuffix('/api')})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    problem = _check_runner_options(args)
    if problem:
        return _error(problem, 2)
    raw, warehouse = args.raw.absolute(), args.warehouse.absolute()
    if not raw.is_dir():
        return _error(f"raw folder {args.raw} does not exist: create it or pass --raw DIR", 2)
    _use_project_prefect_home(args.quiet)
    from flows.server import (
        LocalPrefectServer,
        ServerError,
        port_is_free,
        record_serving,
        stop_recording_serving,
    )

    server: LocalPrefectServer | None = None
    if not os.environ.get("PREFECT_API_URL"):
        if args.port is not None and not port_is_free(args.port):
            return _error(
                f"port {args.port} is in use: pass another --port, or set PREFECT_API_URL "
                "to the Prefect server that listens there",
                2,
            )
        server = LocalPrefectServer(Path(os.environ["PREFECT_HOME"]), port=args.port)
        # Prefect reads its settings once, on import: the URL goes in first.
        os.environ["PREFECT_API_URL"] = server.api_url
        os.environ.setdefault("PREFECT_UI_URL", server.url)
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=args.cron)
    except ValueError:  # pydantic's ValidationError
        hint = "give five fields like '0 * * * *' (hourly)"
        return _error(f"Invalid cron string {args.cron!r}; {hint}", 2)
    # `kill` stops serving like Ctrl-C does, so the server started here stops too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        if server is not None:
            if not args.quiet:
                print(f"starting a local Prefect server on {server.url} ...", flush=True)
            server.start()
        from flows.build import build_warehouse

        if not args.quiet:
            ui = os.environ["PREFECT_API_URL"].removesuffix("/api")
            print(
                f"serving '{build_warehouse.name}/{args.name}' on cron '{args.cron}' (UTC): "
                f"{raw} -> {warehouse}\nPrefect UI: {ui}  "
                "(Ctrl-C stops serving" + (" and the server)" if server else ")"),
                flush=True,
            )
        # `chronicle run` on this project reports to this server while it serves.
        record_serving(Path(os.environ["PREFECT_HOME"]), os.environ["PREFECT_API_URL"])
        watch = _schedule_watch(args, server)
        watch.start()
        build_warehouse.serve(
            name=args.name,
            cron=args.cron,
            parameters={
                "raw_dir": str(raw),
                "warehouse_dir": str(warehouse),
                "skip_if_locked": True,  # a manual `chronicle run` may be going on
                **{k: v for k, v in _runner_options(args).items() if v is not None},
            },
            description="Chronicle: build or update the warehouse from the raw folder.",
            limit=1,  # one build at a time: a run due while one is going waits for it
            print_starting_message=False,
        )
    except ServerError as exc:
        return _error(str(exc), 2)
    except KeyboardInterrupt:
        pass
    finally:
        stop_recording_serving(Path(os.environ["PREFECT_HOME"]))
        if server is not None:
            server.stop()
            if not args.quiet:
                print("Prefect server stopped", flush=True)
    return 0


def _schedule_watch(args: argparse.Namespace, server: Any) -> Any:
    """The thread that prints when the next run is due and warns when one is late."""
    from chronicle.config import Settings
    from flows.build import build_warehouse
    from flows.server import ScheduleWatch

    def say(message: str) -> None:
        if not args.quiet:
            print(message, flush=True)

    def warn(message: str) -> None:
        print(f"chronicle: warning: {message}", file=sys.stderr, flush=True)

    return ScheduleWatch(
        api_url=os.environ["PREFECT_API_URL"],
        deployment=f"{build_warehouse.name}/{args.name}",
        cron=args.cron,
        late_after_s=Settings.from_env().schedule_late_after_s,
        server_log=(
            f"the Prefect server's log, {server.log_path}"
            if server is not None
            else f"the log of the Prefect server at {os.environ['PREFECT_API_URL']}"
        ),
        say=say,
        warn=warn,
    )


def cmd_extract(args: argparse.Namespace) -> int:
    from chronicle.config import Settings
    from chronicle.extract import extract_file

    settings = Settings.from_env().with_overrides(clean=not args.no_clean)
    status = 0
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(f"chronicle: {name}: no such file", file=sys.stderr)
            status = 2
            continue
        result = extract_file(path, settings, reference_date=args.reference_date)
        print(json.dumps(result, ensure_ascii=False, default=_json_default))
    return status


def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    from chronicle.warehouse import QueryRefused, Warehouse

    try:
        columns, rows = Warehouse(args.warehouse).query(args.sql, unrestricted=args.unrestricted)
    except FileNotFoundError as exc:
        return _error(str(exc), 2)
    except QueryRefused as exc:
        return _error(f"query refused: {exc}", 2)
    except duckdb.PermissionException as exc:
        return _error(
            f"query refused: {exc}. Queries read the warehouse's views only; "
            "--unrestricted allows other files",
            2,
        )
    except duckdb.Error as exc:
        return _error(f"query failed: {exc}", 1)
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif args.format == "json":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        print(json.dumps(records, ensure_ascii=False, default=_json_default, indent=1))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for column in columns:
            table.add_column(_terminal_text(column))
        for row in rows:
            table.add_row(*(_terminal_text(v) for v in row))
        Console().print(table)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from chronicle.config import Settings
    from chronicle.report import report_html, write_atomic

    try:
        html = report_html(args.warehouse, Settings.from_env())
    except FileNotFoundError as exc:
        return _error(str(exc), 2)
    size = write_atomic(args.out, html)
    print(f"{args.out} ({size / 1e6:.1f} MB): open it in a browser, it works offline")
    return 0


# Characters that would act on the terminal instead of showing: C0/C1 controls (but the
# newline, which a cell shows as a line break) and bidirectional overrides.
_TERMINAL_CONTROLS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _terminal_text(value: object) -> Any:
    """A cell as Rich Text: shown literally (never read as markup), controls escaped."""
    from rich.text import Text

    text = "" if value is None else str(value)
    return Text(_TERMINAL_CONTROLS.sub(lambda m: ascii(m.group())[1:-1], text))


def cmd_train(args: argparse.Namespace) -> int:
    try:
        from lab.nlp.train import main as train_main
    except ImportError as exc:
        print(f"chronicle: training is not available: {exc}", file=sys.stderr)
        return 2
    return train_main(args.rest)


def _add_runner_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--workers",
        type=int,
        default=None,
        help="parallel workers for the batches (default: 0 = one per CPU core)",
    )
    command.add_argument(
        "--runner",
        choices=RUNNERS,
        default=None,
        help="process: this process and worker processes on this machine, the spaCy model "
        "loaded once per worker (default; small runs stay in one process); thread: "
        "threads in this process; dask: a Dask cluster (local unless --dask-address)",
    )
    command.add_argument(
        "--dask-address",
        default=None,
        metavar="tcp://HOST:PORT",
        help="scheduler of a running Dask cluster (implies --runner dask); its workers "
        "need chronicle installed and the raw and warehouse folders at the same paths",
    )


def _add_folder_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--raw", type=Path, default=Path("raw"), help="raw folder (default: raw)")
    command.add_argument(
        "--warehouse",
        type=Path,
        default=Path("warehouse"),
        help="warehouse folder (default: warehouse)",
    )


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="chronicle",
        description=__doc__,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = root.add_subparsers(dest="command", required=True)

    run = sub.add_parser(
        "run",
        help="build or update the warehouse from raw/",
        description="Process new and changed raw files, validate every table "
        "and publish atomically. Example: chronicle run --raw raw --warehouse "
        "warehouse",
    )
    _add_folder_arguments(run)
    run.add_argument("--batch-size", type=int, default=None, help="documents per task")
    run.add_argument(
        "--wait",
        type=float,
        default=None,
        help="seconds to wait when another build holds the lock (default: 0)",
    )
    run.add_argument(
        "--stages",
        default=None,
        help=f"optional stages to run: comma list of {','.join(OPTIONAL_STAGES)}, or 'none' "
        "(default: all; events need entities; pages are redone from the first stage "
        "that changed)",
    )
    _add_runner_arguments(run)
    run.add_argument(
        "--verify",
        action="store_true",
        help="read and hash every raw file while planning, not only those whose size, "
        "mtime, ctime or inode changed: for raw folders on filesystems whose file times "
        "cannot be trusted, after the clock was set back, or as a periodic check",
    )
    run.add_argument(
        "--prefect",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="record the run as a Prefect flow run (default: when PREFECT_API_URL is set or "
        "`chronicle serve` runs; --prefect without a server starts Prefect's temporary "
        "server, 15-20 s; --no-prefect never uses Prefect)",
    )
    run.add_argument(
        "--quiet", action="store_true", help="no progress bar, no logs below warning, no summary"
    )
    run.set_defaults(func=cmd_run)

    serve = sub.add_parser(
        "serve",
        help="build on a schedule (hourly by default) with a Prefect server and UI",
        description="Serve the build flow as a Prefect deployment on a cron schedule, so "
        "files dropped into the raw folder are processed automatically. Without "
        "PREFECT_API_URL it starts a local Prefect server (SQLite in .prefect/, loopback "
        "only, UI at http://127.0.0.1:4200) and stops it on exit; with PREFECT_API_URL it "
        "uses that server. A run that falls due while one is going waits for it; a run "
        "that finds another build on the warehouse is skipped and says why. Example: "
        'chronicle serve --cron "*/15 * * * *"',
    )
    _add_folder_arguments(serve)
    serve.add_argument(
        "--cron",
        default=DEFAULT_CRON,
        help=f"when to build, a cron expression in UTC (default: '{DEFAULT_CRON}', hourly)",
    )
    serve.add_argument("--name", default="scheduled", help="deployment name (default: scheduled)")
    serve.add_argument(
        "--port",
        type=int,
        default=None,
        help="port of the local Prefect server (default: 4200, else a free one); "
        "ignored when PREFECT_API_URL is set",
    )
    _add_runner_arguments(serve)
    serve.add_argument("--quiet", action="store_true", help="print only warnings and errors")
    serve.set_defaults(func=cmd_serve)

    extract = sub.add_parser(
        "extract",
        help="print the rows for files as JSON Lines",
        description="One JSON object per input file, in input order, with "
        "the rows each table would get. Example: chronicle extract raw/a.txt",
    )
    extract.add_argument("files", nargs="+", help="raw page files")
    extract.add_argument(
        "--reference-date",
        type=date.fromisoformat,
        default=None,
        help="YYYY-MM-DD date to resolve relative time expressions against",
    )
    extract.add_argument(
        "--no-clean",
        action="store_true",
        help="body is the decoded input verbatim, so offsets index the file",
    )
    extract.set_defaults(func=cmd_extract)

    query = sub.add_parser(
        "query",
        help="run SQL on the warehouse catalog",
        description="Run one read-only SQL statement on the views of the current snapshot "
        'and print the rows. Example: chronicle query "SELECT * FROM runs"',
    )
    query.add_argument("sql", help="a DuckDB SQL statement")
    query.add_argument("--warehouse", type=Path, default=Path("warehouse"))
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    query.add_argument(
        "--unrestricted",
        action="store_true",
        help="run any DuckDB SQL: several statements, COPY ... TO, ATTACH, INSTALL, file "
        "functions such as read_csv. Without it a query is one read-only statement on the "
        "current snapshot's views (SELECT, DESCRIBE, SHOW, SUMMARIZE) with no access to "
        "other files. The catalog stays read-only either way, but COPY can overwrite files",
    )
    query.set_defaults(func=cmd_query)

    report = sub.add_parser(
        "report",
        help="write the HTML report of the published snapshot",
        description="One self-contained HTML file (scripts and styles inline, opens\n"
        "offline): timeline, state dyads, entity network, coverage and quality, run facts.\n"
        "Each build also writes warehouse/reports/<run_id>.html and latest.html.\n\n"
        "Example: chronicle report --out report.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument(
        "--warehouse", type=Path, default=Path("warehouse"), help="(default: warehouse)"
    )
    report.add_argument(
        "--out",
        type=Path,
        default=Path("chronicle-report.html"),
        help="file to write (default: chronicle-report.html)",
    )
    report.set_defaults(func=cmd_report)

    train = sub.add_parser(
        "train", help="rebuild the NLP pipeline under models/ from ../shared", add_help=False
    )
    train.add_argument("rest", nargs=argparse.REMAINDER)
    train.set_defaults(func=cmd_train)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
