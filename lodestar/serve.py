"""Serve the site: the web server and the background task worker, stopped together.

Used by `make run`. Ctrl-C (SIGINT) or SIGTERM stops both; if either exits, the
other is stopped too, so nothing is left running behind the terminal.
"""

import os
import signal

# Starts our own server and worker with fixed argument lists.
import subprocess  # nosec B404
import sys
import time

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
GRACE_SECONDS = 10


def server_command(port: str, workers: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        os.environ.get("HOST", "127.0.0.1"),
        "--port",
        port,
        "--workers",
        workers,
        "--blocking-threads",
        "1",
        "--no-ws",
        # A worker that dies (out of memory, a crash in a C extension, kill -9) is
        # replaced; without this granian shuts the whole server down.
        "--respawn-failed-workers",
        "lodestar.wsgi:application",
    ]


def worker_command() -> list[str]:
    return [sys.executable, "manage.py", "db_worker", "--interval", "1"]


def _die_with_parent() -> None:
    """Linux: a child gets SIGTERM if this supervisor dies, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def start(command: list[str]) -> subprocess.Popen:
    # Own process group: the terminal's Ctrl-C reaches this supervisor, which stops
    # the children in order; they never outlive it.
    # The command is one of ours, never user input.
    return subprocess.Popen(  # nosec B603
        command, start_new_session=True, preexec_fn=_die_with_parent
    )


def stop_all(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    port = os.environ.get("PORT", "8000")
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    stopping = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    for signum in STOP_SIGNALS:
        signal.signal(signum, request_stop)

    processes = [start(server_command(port, workers)), start(worker_command())]
    print(f"Lodestar is at http://127.0.0.1:{port}/  (Ctrl-C stops it)", flush=True)
    try:
        while not stopping and all(process.poll() is None for process in processes):
            time.sleep(0.2)
    finally:
        stop_all(processes)
    failed = [process.returncode for process in processes if process.returncode not in (0, -15)]
    return 0 if stopping or not failed else 1


if __name__ == "__main__":
    sys.exit(main())
