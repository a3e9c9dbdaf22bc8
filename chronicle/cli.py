"""The ``chronicle`` command: build the warehouse, extract pages, query the catalog."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from datetime import date
from pathlib import Path

EXAMPLES = """examples:
  chronicle run                                   build or update warehouse/ from raw/
  chronicle extract raw/page.txt                  one JSON object per file on stdout
  chronicle extract --no-clean --reference-date 2021-10-22 page.txt
  chronicle query "SELECT site, count(*) FROM documents GROUP BY site"
  chronicle query --format csv "SELECT * FROM rejects"
"""


def _json_default(value: object) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)


def _use_project_prefect_home() -> None:
    """Keep Prefect's database, logs and results inside the project, not in $HOME."""
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The ephemeral API server can take a while to start on a busy two-core machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


def _parse_stages(value: str | None) -> list[str] | None:
    """'articles,timexes' -> list; 'none' -> []; None -> the default stages."""
    if value is None:
        return None
    return [] if value.strip().lower() == "none" else [s.strip() for s in value.split(",") if s]


def cmd_run(args: argparse.Namespace) -> int:
    _use_project_prefect_home()
    from chronicle.warehouse import WarehouseLocked
    from flows.build import build_warehouse

    try:
        summary = build_warehouse(
            raw_dir=str(args.raw),
            warehouse_dir=str(args.warehouse),
            batch_size=args.batch_size,
            lock_wait_s=args.wait,
            stages=_parse_stages(args.stages),
        )
    except WarehouseLocked as exc:
        print(f"chronicle: {exc}", file=sys.stderr)
        return 3
    if not args.quiet:
        counts = ", ".join(f"{k} {v}" for k, v in summary["table_rows"].items())
        print(
            f"run {summary['run_id']}: {summary['files_seen']} files "
            f"({summary['files_new']} new, {summary['files_changed']} changed, "
            f"{summary['files_removed']} removed, {summary['files_rejected']} rejected); "
            f"rows: {counts}"
        )
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


def cmd_train(args: argparse.Namespace) -> int:
    try:
        from chronicle.nlp.train import main as train_main
    except ImportError as exc:
        print(f"chronicle: training is not available: {exc}", file=sys.stderr)
        return 2
    return train_main(args.rest)


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
    run.add_argument("--raw", type=Path, default=Path("raw"), help="raw folder (default: raw)")
    run.add_argument(
        "--warehouse",
        type=Path,
        default=Path("warehouse"),
        help="warehouse folder (default: warehouse)",
    )
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
        help="optional stages to run: comma list of articles,timexes, or 'none' "
        "(default: all; changing them reprocesses every file)",
    )
    run.add_argument("--quiet", action="store_true", help="print nothing on success")
    run.set_defaults(func=cmd_run)

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
