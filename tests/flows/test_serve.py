"""`chronicle serve` on a real Prefect server: the schedule fires, runs publish a report,
late runs are reported, shutdown; and the prefect.yaml path with a process worker."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest

from flows.server import SERVING_FILE, LocalPrefectServer, api_is_healthy, free_port
from tests.conftest import REPO

if TYPE_CHECKING:
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.client.schemas.objects import State
    from prefect.client.schemas.responses import DeploymentResponse

pytestmark = pytest.mark.slow
T = TypeVar("T")

CRON = "*/5 * * * *"
EVERY_MINUTE = "* * * * *"


def start_serve(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


class Output:
    """Collects a process's output lines as they come, so a test can wait for one."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self.thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.lines.append(line)

    def text(self) -> str:
        return "".join(self.lines)

    def stop(self, process: subprocess.Popen[str], timeout_s: float = 60) -> str:
        """SIGTERM (SIGKILL after ``timeout_s``); returns all the output."""
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.thread.join(timeout=10)
        return self.text()


def stop(process: subprocess.Popen[str], timeout_s: float = 60) -> str:
    """SIGTERM, as `kill` or a service manager sends it; returns the output."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
    return output


def serve_env(home: Path, api_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalPrefectServer]:
    """A real Prefect server on a free loopback port, with its own SQLite database."""
    home = tmp_path_factory.mktemp("server-home")
    with LocalPrefectServer(home, port=free_port(), ui=False) as running:
        yield running


def wait_for(
    condition: Callable[[], T | None], timeout_s: float, what: str, process: subprocess.Popen[str]
) -> T:
    """Poll ``condition`` until it gives a value; fail with serve's output otherwise."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process.poll() is not None:
            pytest.fail(f"serve exited while waiting for {what}:\n{stop(process)[-3000:]}")
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}:\n{stop(process)[-3000:]}")


def test_serve_registers_a_schedule_and_runs_publish_a_report(
    server: LocalPrefectServer, sample_raw: Path, tmp_path: Path
) -> None:
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterKey,
        FlowRunFilter,
        FlowRunFilterDeploymentId,
    )

    from flows.build import SUMMARY_KEY

    warehouse = tmp_path / "warehouse"
    serve = start_serve(
        "--cron",
        CRON,
        "--raw",
        str(sample_raw),
        "--warehouse",
        str(warehouse),
        env=serve_env(tmp_path / "serve-home", server.api_url),
        cwd=REPO,
    )
    try:
        with SyncPrefectClient(server.api_url) as client:
            registered = wait_for(
                lambda: scheduled_deployment(client), 120, "the deployment", serve
            )
            assert [s.schedule.cron for s in registered.schedules] == [CRON]
            assert all(s.active for s in registered.schedules)
            assert registered.parameters["warehouse_dir"] == str(warehouse)
            assert registered.parameters["skip_if_locked"] is True

            flow_run = client.create_flow_run_from_deployment(registered.id)

            def finished() -> State | None:
                state = client.read_flow_run(flow_run.id).state
                return state if state is not None and state.is_final() else None

            state = wait_for(finished, 240, "the triggered run", serve)
            assert state.is_completed(), state.message
            artifacts = client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    key=ArtifactFilterKey(any_=[SUMMARY_KEY]),
                    flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id]),
                )
            )
            assert len(artifacts) == 1
            assert "| new | 5 |" in str(artifacts[0].data)
            assert "Vladimir Putin" in str(artifacts[0].data)  # the top-entities section

            # A manual `chronicle run` on the project finds the server serve uses.
            home = tmp_path / "serve-home"
            assert json.loads((home / SERVING_FILE).read_text())["api_url"] == server.api_url
            done = subprocess.run(
                [sys.executable, "-m", "flows.cli", "run", "--stages", "none", "--raw",
                 str(sample_raw), "--warehouse", str(tmp_path / "manual")],
                cwd=REPO, env=serve_env(home, None), capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr[-3000:]
            assert f"Prefect flow run on {server.url}" in done.stdout
            runs = client.read_flow_runs(
                flow_run_filter=FlowRunFilter(
                    deployment_id=FlowRunFilterDeploymentId(is_null_=True)
                )
            )
            manual = str(tmp_path / "manual")
            manual_runs = [r for r in runs if r.parameters.get("warehouse_dir") == manual]
            assert [r.state.is_completed() for r in manual_runs] == [True]
    finally:
        output = stop(serve)
    assert serve.returncode == 0, output[-3000:]
    assert (warehouse / "current").exists()
    assert not (tmp_path / "serve-home" / SERVING_FILE).exists()  # serve stopped: not found
    assert api_is_healthy(server.api_url)  # a server serve did not start is left running


def test_prefect_yaml_deploys_to_a_process_work_pool(
    server: LocalPrefectServer, tmp_path: Path
) -> None:
    """The documented `prefect deploy` path, with the real Prefect CLI: the deployment,
    the runs Prefect's scheduler plans for it, and a process worker that runs one."""
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterDeploymentId

    env = serve_env(tmp_path / "cli-home", server.api_url)
    prefect = [sys.executable, "-m", "prefect"]
    for command in (
        [*prefect, "work-pool", "create", "chronicle", "--type", "process"],
        [*prefect, "--no-prompt", "deploy", "--all"],
    ):
        done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    with SyncPrefectClient(server.api_url) as client:
        deployment = client.read_deployment_by_name("chronicle-build/hourly")
    assert [s.schedule.cron for s in deployment.schedules] == ["0 * * * *"]
    assert deployment.work_pool_name == "chronicle"
    assert deployment.entrypoint == "flows/build.py:build_warehouse"
    assert deployment.parameters["skip_if_locked"] is True
    assert deployment.concurrency_options is not None
    assert deployment.global_concurrency_limit is not None
    assert deployment.global_concurrency_limit.limit == 1

    # The scheduler plans the hourly runs (its loop runs every minute) ...
    deadline = time.monotonic() + 150
    with SyncPrefectClient(server.api_url) as client:
        while time.monotonic() < deadline:
            planned = client.read_flow_runs(
                flow_run_filter=FlowRunFilter(
                    deployment_id=FlowRunFilterDeploymentId(any_=[deployment.id])
                )
            )
            if planned:
                break
            time.sleep(2)
        assert planned, "Prefect's scheduler planned no run for the hourly deployment"
        assert all(r.auto_scheduled for r in planned)
        assert {r.expected_start_time.minute for r in planned} == {0}
        # ... and a process worker runs the deployment's flow: one run now, into a
        # warehouse of the test's own (the hourly ones are not due within the test).
        warehouse = tmp_path / "warehouse"
        run = client.create_flow_run_from_deployment(
            deployment.id, parameters={"warehouse_dir": str(warehouse)}
        )
        worker = subprocess.Popen(
            [*prefect, "worker", "start", "--pool", "chronicle", "--type", "process"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:

            def finished() -> State | None:
                state = client.read_flow_run(run.id).state
                return state if state is not None and state.is_final() else None

            state = wait_for(finished, 300, "the worker's run", worker)
        finally:
            worker_output = stop(worker)
    assert state.is_completed(), (state.message, worker_output[-3000:])
    assert (warehouse / "current" / "_snapshot.json").exists()


def scheduled_deployment(client: SyncPrefectClient) -> DeploymentResponse | None:
    """The deployment ``chronicle serve`` registers, or None before it is registered."""
    try:
        return client.read_deployment_by_name("chronicle-build/scheduled")
    except Exception:  # not registered yet
        return None


def refuses_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def test_the_schedule_fires_on_serves_own_server_and_the_run_publishes(
    sample_raw: Path, tmp_path: Path
) -> None:
    """No manual trigger: Prefect's scheduler creates the run, serve's runner runs it."""
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterDeploymentId

    port = free_port()
    home = tmp_path / "prefect-home"
    api_url = f"http://127.0.0.1:{port}/api"
    warehouse = tmp_path / "warehouse"
    started = time.time()
    serve = start_serve(
        "--port",
        str(port),
        "--cron",
        EVERY_MINUTE,
        "--raw",
        str(sample_raw),
        "--warehouse",
        str(warehouse),
        env=serve_env(home, None),
        cwd=tmp_path,
    )
    output = Output(serve)
    try:
        wait_for(lambda: api_is_healthy(api_url), 180, "the server", serve)
        with SyncPrefectClient(api_url) as client:
            registered = wait_for(
                lambda: scheduled_deployment(client), 120, "the deployment", serve
            )
            assert [s.schedule.cron for s in registered.schedules] == [EVERY_MINUTE]
            wait_for(lambda: "next run due at" in output.text(), 60, "the next due time", serve)

            def finished_scheduled_run() -> list | None:
                runs = client.read_flow_runs(
                    flow_run_filter=FlowRunFilter(
                        deployment_id=FlowRunFilterDeploymentId(any_=[registered.id])
                    )
                )
                done = [r for r in runs if r.state is not None and r.state.is_final()]
                return done or None

            [run, *_] = wait_for(finished_scheduled_run, 420, "a scheduled run", serve)
            assert run.auto_scheduled and run.idempotency_key.startswith("scheduled ")
            assert run.state.is_completed(), run.state.message
            assert (warehouse / "current" / "_snapshot.json").exists()
            # No further run while serve stops (one is due every minute).
            client.pause_deployment(registered.id)
            # (the flow run's process, not its tasks: Prefect 3.8.8's runner does not
            # exit on SIGTERM while a flow run's process is still finishing)
            wait_for(
                lambda: any(
                    "Flow run '" in line and "Finished in state" in line for line in output.lines
                ),
                60,
                "the flow run's end",
                serve,
            )
    finally:
        text = output.stop(serve)
    assert serve.returncode == 0, text[-3000:]
    assert "warning" not in text, text[-3000:]
    assert (home / "server.db").exists()  # SQLite in the Prefect home
    assert "Prefect server stopped" in text
    assert refuses_connections(port)  # nothing listens there any more
    print(f"first scheduled run published {time.time() - started:.0f} s after serve started")


def test_serve_warns_when_a_due_run_does_not_start(
    sample_raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server whose scheduler creates no runs, as with SQLAlchemy 2.1: serve says so."""
    monkeypatch.setenv("PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED", "false")
    home = tmp_path / "server-home"
    with LocalPrefectServer(home, port=free_port(), ui=False) as broken:
        env = serve_env(tmp_path / "serve-home", broken.api_url)
        env["CHRONICLE_SCHEDULE_LATE_AFTER_S"] = "5"
        serve = start_serve(
            "--cron",
            EVERY_MINUTE,
            "--raw",
            str(sample_raw),
            "--warehouse",
            str(tmp_path / "warehouse"),
            env=env,
            cwd=REPO,
        )
        output = Output(serve)
        try:
            wait_for(lambda: "has not started" in output.text(), 150, "the warning", serve)
        finally:
            text = output.stop(serve)
    assert "next run due at" in text
    [warning] = [line for line in text.splitlines() if "has not started" in line]
    assert warning.startswith("chronicle: warning: the run due at ")
    assert "Prefect's scheduler never created it" in warning
    assert f"Check the log of the Prefect server at {env['PREFECT_API_URL']}" in warning
    assert not (tmp_path / "warehouse").exists()  # and indeed nothing ran
