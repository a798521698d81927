"""The server processes a benchmark or crash test starts: ports, workers, memory, readiness."""

import socket
import time
import urllib.request
from pathlib import Path


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
