"""The run command's server: production storage for static files, health, and a clean Ctrl-C."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser  # slow: runs with the browser step, not the unit suites


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, Message, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.headers, response.read()


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def children_of(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


@pytest.fixture(scope="module")
def run_env(tmp_path_factory) -> dict[str, str]:
    tmp_path = tmp_path_factory.mktemp("run")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "STATICFILES_BACKEND", "TASKS_BACKEND", "EMAIL_BACKEND"}
    }
    env.update(
        HTTPS="false",
        DATA_DIR=str(tmp_path / "data"),
        STATIC_ROOT=str(tmp_path / "static"),
        WEB_CONCURRENCY="1",
    )
    prepare = subprocess.run(
        [sys.executable, "manage.py", "prepare_site"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert prepare.returncode == 0, prepare.stderr
    assert "password:" in prepare.stdout
    return env


def serve(run_env: dict[str, str]) -> subprocess.Popen:
    run_env["PORT"] = str(free_port())
    return subprocess.Popen(
        [sys.executable, "-m", "lodestar.serve"], cwd=settings.BASE_DIR, env=run_env
    )


def test_prepare_then_serve_then_ctrl_c_stops_everything(run_env):
    server = serve(run_env)
    base = f"http://127.0.0.1:{run_env['PORT']}"
    try:
        wait_for(base + "/healthz")
        status, _headers, body = get(base + "/")
        assert status == 200 and b"Quick exit" in body
        stylesheet = body.decode().split('rel="stylesheet" href="')[1].split('"')[0]
        assert stylesheet.startswith("/static/css/site.") and stylesheet != "/static/css/site.css"
        status, headers, _css = get(base + stylesheet)
        assert status == 200
        assert "max-age=315360000" in headers.get("Cache-Control", ""), "hashed files cache forever"
        children = children_of(server.pid)
        assert len(children) == 2, "the web server and the task worker"
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)

    assert server.returncode == 0
    time.sleep(0.5)
    assert [pid for pid in children if alive(pid)] == []
    with pytest.raises(OSError):
        get(base + "/healthz")


def test_the_children_never_outlive_the_supervisor(run_env):
    server = serve(run_env)
    wait_for(f"http://127.0.0.1:{run_env['PORT']}/healthz")
    children = children_of(server.pid)
    assert len(children) == 2

    server.kill()
    server.wait(timeout=10)
    time.sleep(3)

    assert [pid for pid in children if alive(pid)] == []
