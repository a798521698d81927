"""The processes a benchmark or server test starts: app servers, nginx, ports, memory."""

import socket

# Starts our own server and Debian's nginx with fixed argument lists.
import subprocess  # nosec B404
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children_of(pid: int) -> list[int]:
    """The processes whose parent is pid (granian's workers), from /proc."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in text:
            found.append(int(status.parent.name))
    return sorted(found)


def rss_mib(pid: int) -> float | None:
    """Resident memory of a process in MiB; None once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def wait_for(url: str, seconds: float = 120) -> None:
    """Until url answers; RuntimeError after seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            # Our own loopback server, over http.
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310  # nosec B310
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def start_app_server(port: int, workers: int, env: dict) -> subprocess.Popen:
    """The production server (as `make run` starts it) on port, once it answers."""
    from lodestar.serve import server_command

    # Our own command, a fixed argument list.
    server = subprocess.Popen(  # noqa: S603  # nosec B603
        server_command(str(port), str(workers)),
        cwd=PROJECT_ROOT,
        env=env,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return server


def start_nginx(folder: Path, server_block: str) -> subprocess.Popen:
    """Debian's nginx in the foreground, with one server block; its files stay in folder."""
    conf = folder / "nginx.conf"
    temp = " ".join(
        f"{name}_temp_path {folder};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf.write_text(
        f"""daemon off; worker_processes 2; pid {folder}/nginx.pid; error_log stderr error;
events {{ worker_connections 1024; }}
http {{ access_log off; include /etc/nginx/mime.types; {temp}
{server_block}
}}
"""
    )
    command = ["/usr/sbin/nginx", "-c", str(conf), "-p", str(folder)]
    # Debian's nginx with a fixed argument list.
    return subprocess.Popen(command)  # noqa: S603  # nosec B603


def stop(process: subprocess.Popen, seconds: float = 30) -> None:
    """SIGTERM, then SIGKILL if it has not exited within seconds."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
