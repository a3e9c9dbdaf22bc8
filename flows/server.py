"""Start, watch and stop a local Prefect server for `chronicle serve`.

The ephemeral API that `chronicle run` uses cannot run schedules, so serving needs a
real server. When none is configured (no ``PREFECT_API_URL``), Chronicle runs one
itself: SQLite in the project's Prefect home, bound to loopback only, stopped with
the command. This module does not import Prefect, so the server's URL can be put in
the environment before Prefect reads its settings.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType

logger = logging.getLogger(__name__)

DEFAULT_PORT = 4200  # Prefect's usual port, so the UI is where Prefect's docs say
LOOPBACK = "127.0.0.1"


class ServerError(RuntimeError):
    """The local Prefect server could not be started; the message says what to do."""


def port_is_free(port: int, host: str = LOOPBACK) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = LOOPBACK) -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def api_is_healthy(api_url: str, timeout_s: float = 2.0) -> bool:
    """True when ``GET {api_url}/health`` answers 200."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout_s) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


SERVING_FILE = "serving.json"  # in the Prefect home while `chronicle serve` runs


def record_serving(home: Path, api_url: str) -> Path:
    """Say where ``chronicle serve`` has its API, so ``chronicle run`` can use it."""
    path = Path(home) / SERVING_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"api_url": api_url, "pid": os.getpid()}))
    tmp.replace(path)
    return path


def stop_recording_serving(home: Path) -> None:
    """Remove the record of ``record_serving`` if this process wrote it."""
    path = Path(home) / SERVING_FILE
    try:
        if json.loads(path.read_text()).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError, AttributeError):
        pass


def serving_api_url(home: Path, timeout_s: float = 1.0) -> str | None:
    """The API of a ``chronicle serve`` running on this Prefect home, if it answers."""
    try:
        api_url = json.loads((Path(home) / SERVING_FILE).read_text())["api_url"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return api_url if api_is_healthy(api_url, timeout_s) else None


class LocalPrefectServer:
    """A ``prefect server start`` child process on a loopback port, with SQLite in ``home``.

    Use as a context manager: it waits until the API is healthy on entry and stops the
    server (its whole process group) on exit.
    """

    def __init__(
        self,
        home: Path,
        port: int | None = None,
        ui: bool = True,
        startup_timeout_s: float = 180.0,
    ) -> None:
        self.home = Path(home).absolute()
        self.port = port if port is not None else self._default_port()
        self.ui = ui
        self.startup_timeout_s = startup_timeout_s
        self.process: subprocess.Popen[bytes] | None = None

    @staticmethod
    def _default_port() -> int:
        return DEFAULT_PORT if port_is_free(DEFAULT_PORT) else free_port()

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api"

    @property
    def log_path(self) -> Path:
        return self.home / "server.log"

    @property
    def database_path(self) -> Path:
        # Not prefect.db: that is the ephemeral API's, and two servers writing one SQLite
        # file would lock each other out.
        return self.home / "server.db"

    def environment(self) -> dict[str, str]:
        """The server's environment: its own database and home, no outside API URL."""
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env.update(
            PREFECT_HOME=str(self.home),
            PREFECT_API_DATABASE_CONNECTION_URL=(
                f"sqlite+aiosqlite:///{self.database_path.as_posix()}"
            ),
            PREFECT_SERVER_ANALYTICS_ENABLED="false",
            PREFECT_UI_ENABLED="true" if self.ui else "false",
            PREFECT_SERVER_API_HOST=LOOPBACK,
            PREFECT_SERVER_API_PORT=str(self.port),
            # The UI must call this server's API, not the default it was built with.
            PREFECT_UI_API_URL=self.api_url,
        )
        return env

    def start(self) -> LocalPrefectServer:
        """Start the server and wait until its API is healthy; raise ServerError if not."""
        if not port_is_free(self.port):
            raise ServerError(
                f"port {self.port} on {LOOPBACK} is in use: stop what listens there, pass "
                "--port, or set PREFECT_API_URL to use a server that is already running"
            )
        self.home.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        command = [sys.executable, "-m", "prefect", "server", "start"]
        command += ["--host", LOOPBACK, "--port", str(self.port)]
        logger.info("starting a local Prefect server on %s (log: %s)", self.url, self.log_path)
        self.process = subprocess.Popen(
            command,
            env=self.environment(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() takes its children too
        )
        log.close()
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                self.process = None
                raise ServerError(f"the Prefect server exited during startup:\n{tail}")
            if api_is_healthy(self.api_url):
                logger.info("Prefect server ready at %s", self.url)
                return self
            time.sleep(0.5)
        self.stop()
        raise ServerError(
            f"the Prefect server did not answer on {self.api_url} within "
            f"{self.startup_timeout_s:.0f} s; see {self.log_path}"
        )

    def stop(self, timeout_s: float = 20.0) -> None:
        """Stop the server's process group: SIGTERM, then SIGKILL after ``timeout_s``."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout_s)
        except ProcessLookupError:
            pass
        logger.info("Prefect server on %s stopped", self.url)

    def __enter__(self) -> LocalPrefectServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


# Flow run states that mean a run has started (Late and Pending runs have not).
STARTED_STATES = frozenset({"RUNNING", "COMPLETED", "FAILED", "CRASHED", "CANCELLING", "CANCELLED"})


def next_due(cron: str, after: datetime) -> datetime:
    """The first time after ``after`` (UTC) that the cron expression fires."""
    from prefect._vendor.croniter import croniter

    return croniter(cron, after.astimezone(UTC)).get_next(datetime).astimezone(UTC)


def _clock(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


class ScheduleWatch(threading.Thread):
    """Says when the served deployment's next run is due, and warns when a due run has
    not started ``late_after_s`` after its time (Prefect's scheduler fails quietly: its
    errors are only in the server's log, which ``server_log`` names for the warning).
    """

    def __init__(
        self,
        api_url: str,
        deployment: str,
        cron: str,
        late_after_s: float,
        server_log: str,
        say: Callable[[str], None],
        warn: Callable[[str], None],
        poll_s: float = 5.0,
    ) -> None:
        super().__init__(name="chronicle-schedule-watch", daemon=True)
        self.api_url, self.deployment, self.cron = api_url, deployment, cron
        self.late_after = timedelta(seconds=late_after_s)
        self.server_log, self.say, self.warn, self.poll_s = server_log, say, warn, poll_s
        self.due = next_due(cron, datetime.now(UTC))
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()

    def announce(self) -> None:
        minutes = max(0.0, (self.due - datetime.now(UTC)).total_seconds() / 60)
        self.say(f"next run due at {_clock(self.due)} (in {minutes:.0f} min)")

    def run(self) -> None:
        from prefect.client.orchestration import SyncPrefectClient

        self.announce()
        with SyncPrefectClient(self.api_url) as client:
            while not self._stopping.wait(self.poll_s):
                try:
                    self.check(client)
                except Exception as exc:  # the API may be restarting; say so, keep watching
                    logger.debug("schedule watch: %s", exc)

    def check(self, client: object) -> None:
        """Move on to the next due time once this one's run started, or warn once late."""
        now = datetime.now(UTC)
        if now < self.due:
            return
        runs = self._runs(client)
        mine = [r for r in runs if abs((r.expected_start_time - self.due).total_seconds()) < 1]
        if any(r.state_type and r.state_type.value in STARTED_STATES for r in mine):
            self._advance(now)
            return
        if now < self.due + self.late_after:
            return
        if any(r.state_type and r.state_type.value == "RUNNING" for r in runs):
            return  # the run due waits for a longer build (one at a time): not late
        minutes = (now - self.due).total_seconds() / 60
        reason = "it is still waiting to start" if mine else "Prefect's scheduler never created it"
        self.warn(
            f"the run due at {_clock(self.due)} has not started after {minutes:.0f} min: "
            f"{reason}. Check {self.server_log} for scheduler errors."
        )
        self._advance(now)

    def _advance(self, now: datetime) -> None:
        self.due = next_due(self.cron, max(now, self.due))
        self.announce()

    def _runs(self, client: object) -> list:
        from prefect.client.schemas.filters import (
            DeploymentFilter,
            DeploymentFilterName,
            FlowFilter,
            FlowFilterName,
        )
        from prefect.client.schemas.sorting import FlowRunSort

        flow, name = self.deployment.split("/", 1)
        return client.read_flow_runs(  # type: ignore[attr-defined]
            flow_filter=FlowFilter(name=FlowFilterName(any_=[flow])),
            deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[name])),
            sort=FlowRunSort.EXPECTED_START_TIME_DESC,
            limit=20,
        )
