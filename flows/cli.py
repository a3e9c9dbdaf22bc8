"""The ``chronicle`` command: build the warehouse, serve it on a schedule, extract pages,
query the catalog, write the HTML report."""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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

exit status: 0 ok, 1 the build failed (nothing published), 2 bad input or setup,
3 another build holds the warehouse.
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
def _progress(enabled: bool) -> Iterator[None]:
    """A rich progress bar over the documents of the run, fed by the flow's batches."""
    if not enabled:
        yield
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from flows.build import progress_listeners

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

    progress_listeners.append(listener)
    try:
        with bar:
            yield
    finally:
        progress_listeners.remove(listener)


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
    from chronicle.stages import StageFailed
    from chronicle.validation import ValidationFailed
    from chronicle.warehouse import WarehouseLocked
    from flows.build import build_warehouse

    try:
        with _progress(not args.quiet and sys.stderr.isatty()):
            summary = build_warehouse(
                raw_dir=str(args.raw),
                warehouse_dir=str(args.warehouse),
                batch_size=args.batch_size,
                lock_wait_s=args.wait,
                stages=_parse_stages(args.stages),
                **_runner_options(args),
            )
    except WarehouseLocked as exc:
        return _error(str(exc), 3)
    except StageFailed as exc:
        return _error(
            f"{exc}\nNothing was published; the previous snapshot stays current. Fix the "
            "stage, or move those files out of the raw folder, and run again (the run's "
            "report in the Prefect UI lists every document concerned).",
            1,
        )
    except ValidationFailed as exc:
        return _error(
            f"{exc}\nThe rows above break the table contracts (schemas/); fix the stage "
            "that made them and run again.",
            1,
        )
    except (OSError, TimeoutError) as exc:
        if args.runner == "dask" or args.dask_address:
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
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    problem = _check_runner_options(args)
    if problem:
        return _error(problem, 2)
    raw, warehouse = args.raw.absolute(), args.warehouse.absolute()
    if not raw.is_dir():
        return _error(f"raw folder {args.raw} does not exist: create it or pass --raw DIR", 2)
    _use_project_prefect_home(args.quiet)
    from flows.server import LocalPrefectServer, ServerError, port_is_free

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
        if server is not None:
            server.stop()
            if not args.quiet:
                print("Prefect server stopped", flush=True)
    return 0


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
    from chronicle.warehouse import Warehouse

    try:
        con = Warehouse(args.warehouse).connect()
    except FileNotFoundError as exc:
        print(f"chronicle: {exc}", file=sys.stderr)
        return 2
    try:
        relation = con.sql(args.sql)
        if relation is None:
            return 0
        columns = relation.columns
        rows = relation.fetchall()
    except Exception as exc:  # DuckDB raises many error types; all mean a bad query
        print(f"chronicle: query failed: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
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

        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
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
        description='Example: chronicle query "SELECT * FROM runs"',
    )
    query.add_argument("sql", help="a DuckDB SQL statement")
    query.add_argument("--warehouse", type=Path, default=Path("warehouse"))
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
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
