"""A real Neo4j for the store tests.

By default the suite builds and starts the embedded Neo4j of ``tools/neo4j-launcher``
(Maven, cached in ``~/.m2``; Neo4j 5.26 LTS, or ``GOVGRAPH_NEO4J_VERSION``) with Bolt on
a free 127.0.0.1 port and auth on, once per session, and stops it by pid at the end.
When ``NEO4J_URI`` is set, the same tests run against that server instead
(``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``); the store is emptied
before each test, so point it at a scratch database.

The server is skipped only when it truly cannot start here, with the reason; in CI
(``CI=true``) that is a failure instead.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from neo4j import Driver

from govgraph.store import GraphStore
from govgraph.store.connect import ConnectionSettings, open_driver

LAUNCHER = Path(__file__).resolve().parents[2] / "tools" / "neo4j-launcher" / "launch.py"


def launcher() -> ModuleType:
    """tools/neo4j-launcher/launch.py, imported by path (it is no package)."""
    name = "govgraph_neo4j_launcher"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, LAUNCHER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class BoltServer:
    """How to reach the server under test (``handle``: the launcher's, if started here)."""

    uri: str
    user: str
    password: str
    database: str | None
    version: str = "?"
    handle: Any = None

    def settings(self) -> ConnectionSettings:
        return ConnectionSettings(self.uri, self.user, self.password, self.database)

    def driver(self) -> Driver:
        """A driver that has made first contact (govgraph's own)."""
        return open_driver(self.settings())

    def env(self) -> dict[str, str]:
        """The NEO4J_* variables for a CLI run against this server."""
        env = {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.user, "NEO4J_PASSWORD": self.password}
        if self.database:
            env["NEO4J_DATABASE"] = self.database
        return env


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"the Neo4j test server cannot start in CI: {reason}")
    pytest.skip(f"no Neo4j server: {reason}")


def free_port() -> int:
    """A free loopback TCP port (nothing listens there once this returns)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_neo4j(**options: Any) -> BoltServer:
    """Start a launcher Neo4j; the caller stops it with ``stop_server``."""
    module = launcher()
    try:
        handle = module.start(**options)
    except module.LauncherError as exc:
        _unavailable(str(exc))
    return BoltServer(handle.uri, handle.user, handle.password, None, handle.version, handle)


def stop_server(server: BoltServer) -> None:
    """Stop a server this suite started, by its pid."""
    if server.handle is not None:
        launcher().stop(server.handle)


@pytest.fixture(scope="session")
def bolt_server() -> Iterator[BoltServer]:
    """The Neo4j under test: NEO4J_URI if set, else the launcher's, started here."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield BoltServer(
            uri=uri,
            user=os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", ""),
            database=os.environ.get("NEO4J_DATABASE") or None,
        )
        return
    server = start_neo4j()
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def driver(bolt_server: BoltServer) -> Iterator[Driver]:
    """A neo4j driver connected to the server under test."""
    with bolt_server.driver() as driver:
        yield driver


@pytest.fixture
def store(driver: Driver, bolt_server: BoltServer) -> GraphStore:
    """A GraphStore on an empty database, with its schema applied."""
    graph_store = GraphStore(driver, database=bolt_server.database)
    graph_store.clear()
    graph_store.apply_schema()
    return graph_store


@pytest.fixture
def env(bolt_server: BoltServer, store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> BoltServer:
    """NEO4J_* set for the server under test, and an empty store."""
    for key in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in bolt_server.env().items():
        monkeypatch.setenv(key, value)
    return bolt_server
