"""gunicorn started as the README runs it, and the load against it (wrk): used by run.py."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from seed import ROOT

TRIVIAL = "/static/js/budgets.js"  # no database, no template: what the server costs by itself


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, cookie: str | None = None) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def start_server(url: str, secret: str, workers: int) -> tuple[subprocess.Popen, int, float]:
    """gunicorn as the README runs it; (process, port, seconds from start to the first 200)."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": secret,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "TRUSTED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "RATELIMIT_ENABLED": "false",  # one address sends everything here
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a deployed worker has its .pyc files
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--no-control-socket", "app:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    while True:
        try:
            if get(port, TRIVIAL)[0] == 200:
                return process, port, time.perf_counter() - started
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped:\n{process.stderr.read().decode()}")
        if time.perf_counter() - started > 120:
            raise SystemExit("gunicorn did not answer within 120 s")
        time.sleep(0.02)


def load(port: int, path: str, cookie: str | None, seconds: int, connections: int) -> dict:
    """wrk (a C client, so the load takes little CPU from the server) sending GETs for `seconds`
    from `connections` connections at once: latency percentiles, throughput and errors."""
    command = [
        "wrk", "--threads", "2", "--connections", str(connections), "--duration", f"{seconds}s",
        "--timeout", "120s", "--script", str(ROOT / "bench" / "wrk.lua"),
    ]  # fmt: skip
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    found = json.loads(output.strip().splitlines()[-1])
    found["per_second"] = round(found["requests"] / found["seconds"], 1)
    return found


def settle(port: int) -> None:
    """Wait until the server has worked off what the last load left queued (wrk stops sending,
    but requests already in the listening socket are still served): the next page is measured
    on an idle server."""
    for _ in range(600):
        began = time.perf_counter()
        get(port, TRIVIAL)
        if time.perf_counter() - began < 0.05:
            return


def workers(master: int) -> dict[int, float]:
    """{pid: MiB resident} of each gunicorn worker (the master's children)."""
    found = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master) and "VmRSS" in fields:
            found[int(status.parent.name)] = round(int(fields["VmRSS"].split()[0]) / 1024, 1)
    return found


def worker_start(url: str, secret: str, path: str, cookie: str) -> float:
    """Seconds from a worker's death to its replacement's first 200 on `path` (one worker, so
    the replacement answers; the request waits in the listening socket meanwhile)."""
    process, port, _first = start_server(url, secret, 1)
    try:
        assert get(port, path, cookie)[0] == 200
        started = time.perf_counter()
        for pid in workers(process.pid):
            os.kill(pid, signal.SIGKILL)
        status, _size = get(port, path, cookie)
        assert status == 200, status
        return round(time.perf_counter() - started, 2)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
