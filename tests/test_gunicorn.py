"""gunicorn.conf.py: the README's command loads the app once in the master and each worker forks
from it, dropping the database connections it inherited; a killed worker's replacement answers."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import time
from pathlib import Path

import sqlalchemy as sa

from extensions import db
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def _settings():
    spec = importlib.util.spec_from_file_location("gunicorn_settings", ROOT / "gunicorn.conf.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _environment(tmp_path: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite'}",
        "SECRET_KEY": "gunicorn-test-" * 4,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "TRUSTED_HOSTS": "127.0.0.1",
        "CONTENT_CACHE_DIR": str(tmp_path / "cache"),
    }


def test_the_readme_command_reads_the_settings_and_preloads_the_app(tmp_path):
    printed = subprocess.run(
        [str(GUNICORN), "--print-config", "app:create_app()"], env=_environment(tmp_path, 8000),
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    assert "preload_app                        = True" in printed
    assert "post_fork                          = <post_fork()>" in printed


def test_a_forked_worker_opens_its_own_database_connections(app):
    with db.engine.connect() as conn:  # the master's pool holds a connection now
        conn.execute(sa.text("SELECT 1"))
    inherited = db.engine.pool

    class Server:
        class app:  # noqa: N801 - gunicorn's shape: server.app.wsgi() is the loaded app
            wsgi = staticmethod(lambda: app)

    _settings().post_fork(Server, worker=None)
    try:
        assert db.engine.pool is not inherited
        assert db.engine.pool.checkedin() == 0  # nothing of the parent's is handed out
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT 1")).scalar() == 1
    finally:
        inherited.dispose()  # one process plays both here: the "parent's" connection closes


def _get(port: int, path: str) -> int:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def _workers(master: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"PPid:\t{master}\n" in status.read_text():
                found.add(int(status.parent.name))
        except OSError:
            continue
    return found


def test_a_killed_worker_is_replaced_and_the_site_keeps_answering(tmp_path):
    port = free_port()
    command = [str(GUNICORN), "--workers", "2", "--bind", f"127.0.0.1:{port}",
               "--no-control-socket", "app:create_app()"]  # fmt: skip
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=_environment(tmp_path, port), stderr=log)
    try:
        for _ in range(300):
            try:
                if _get(port, "/help/") == 200:
                    break
            except OSError:
                time.sleep(0.1)
        for _ in range(100):  # the first answer may come before the second worker is forked
            first = _workers(server.pid)
            if len(first) == 2:
                break
            time.sleep(0.1)
        assert len(first) == 2
        os.kill(min(first), signal.SIGKILL)
        assert [_get(port, "/help/") for _ in range(6)] == [200] * 6
        for _ in range(100):
            now = _workers(server.pid)
            if len(now) == 2 and now != first:
                break
            time.sleep(0.1)
        assert len(now) == 2 and min(first) not in now
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
