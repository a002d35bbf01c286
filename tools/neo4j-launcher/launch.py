"""Build and start the embedded Neo4j of ``tools/neo4j-launcher`` (tests, benchmarks).

The store tests and ``bench/neo4j_push.py`` both start their server through this module,
so neither depends on the other. Maven builds the launcher once (``~/.m2`` caches Neo4j's
jars, ``target/<version>/`` the build); ``start`` runs it with a modest heap and waits
for its ``READY`` line; ``stop`` ends it by pid.

    server = start(password="secret")       # Neo4j 5.26 LTS on a free 127.0.0.1 port
    ...  # bolt://127.0.0.1:<port>, user neo4j
    stop(server)

From a shell, for a server to point ``NEO4J_URI`` at (stops on Ctrl-C)::

    python tools/neo4j-launcher/launch.py [--version 2026.08.1 --java-home /path/to/jdk]

``GOVGRAPH_NEO4J_VERSION`` picks another Neo4j release (a calendar release needs Java
21+: set ``GOVGRAPH_NEO4J_JAVA_HOME`` or ``JAVA_HOME``); ``GOVGRAPH_NEO4J_HEAP`` the
maximum heap (default ``2g``).
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["LTS_VERSION", "LauncherError", "Neo4jServer", "build", "start", "stop"]

HERE = Path(__file__).resolve().parent
#: The Neo4j release CI tests (the newest 5.26 LTS patch on Maven Central).
LTS_VERSION = "5.26.30"
DEFAULT_HEAP = "2g"
START_TIMEOUT = 240.0


class LauncherError(RuntimeError):
    """The launcher could not be built or did not start (the message says why)."""


@dataclass
class Neo4jServer:
    """A running launcher: where to reach it and how to stop it."""

    uri: str
    user: str
    password: str = field(repr=False)
    version: str
    process: subprocess.Popen[str] = field(repr=False)

    @property
    def pid(self) -> int:
        return self.process.pid


def _java_home(version: str, java_home: str | None) -> str | None:
    if java_home:
        return java_home
    if version != LTS_VERSION:
        return os.environ.get("GOVGRAPH_NEO4J_JAVA_HOME") or os.environ.get("JAVA_HOME")
    return os.environ.get("JAVA_HOME")


def _env(java_home: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if java_home:
        env["JAVA_HOME"] = java_home
        env["PATH"] = f"{java_home}/bin{os.pathsep}{env.get('PATH', '')}"
    return env


def build(version: str = LTS_VERSION, java_home: str | None = None) -> Path:
    """Build the launcher for Neo4j ``version``; returns its build directory (holding
    ``classes/`` and ``classpath.txt``). Offline from ``~/.m2`` when it can, online
    otherwise; up to date builds are reused."""
    target = HERE / "target" / version
    sources = [HERE / "pom.xml", *sorted((HERE / "src").rglob("*.java"))]
    stamp = target / "classpath.txt"
    if stamp.is_file() and (target / "classes").is_dir():
        built = stamp.stat().st_mtime
        if all(path.stat().st_mtime <= built for path in sources):
            return target
    env = _env(_java_home(version, java_home))
    base = ["mvn", "-B", "-q", f"-Dneo4j.version={version}", "package"]
    last = ""
    for command in (["mvn", "-o", *base[1:]], base):
        try:
            done = subprocess.run(
                command, cwd=HERE, env=env, capture_output=True, text=True, timeout=1800
            )
        except FileNotFoundError:
            raise LauncherError("Maven (mvn) is not installed: apt-get install maven") from None
        if done.returncode == 0 and stamp.is_file():
            stamp.touch()  # Maven leaves an unchanged classpath file as it was
            return target
        last = (done.stdout + done.stderr).strip()
    lines = [line for line in last.splitlines() if "ERROR" in line] or last.splitlines()
    raise LauncherError(f"mvn package failed for Neo4j {version}: {' '.join(lines[:3])[:600]}")


def start(
    password: str | None = None,
    *,
    version: str | None = None,
    heap: str | None = None,
    java_home: str | None = None,
    data: Path | None = None,
    timeout: float = START_TIMEOUT,
    jvm_options: Sequence[str] = (),
) -> Neo4jServer:
    """Build (if needed) and start the launcher; returns once Bolt accepts logins.
    ``data`` keeps the database in that directory (default: a temporary one, removed
    at a clean stop), so a server killed on purpose can be started again on it;
    ``jvm_options`` go to the JVM (e.g. ``-Xlog:gc:file=gc.log``)."""
    version = version or os.environ.get("GOVGRAPH_NEO4J_VERSION") or LTS_VERSION
    heap = heap or os.environ.get("GOVGRAPH_NEO4J_HEAP") or DEFAULT_HEAP
    java_home = _java_home(version, java_home)
    password = password or secrets.token_urlsafe(16)
    target = build(version, java_home)
    classpath = f"{target / 'classes'}{os.pathsep}{(target / 'classpath.txt').read_text().strip()}"
    java = str(Path(java_home) / "bin" / "java") if java_home else "java"
    command = [
        java, f"-Xmx{heap}", "-Xms256m", "-XX:+UseG1GC", *jvm_options, "-cp", classpath,
        "org.govgraph.launcher.Launcher", "--password", password, "--stop-on-stdin-close",
        *(["--data", str(data)] if data is not None else []),
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    ready: list[str] = []
    errors: list[str] = []

    def read_stdout() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("READY ") and not ready:
                ready.append(line.strip())

    def read_stderr() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            errors.append(line.rstrip())
            del errors[:-20]

    for reader in (read_stdout, read_stderr):
        threading.Thread(target=reader, daemon=True).start()
    deadline = time.monotonic() + timeout
    while not ready:
        if process.poll() is not None:
            tail = " | ".join(errors[-5:])
            raise LauncherError(f"Neo4j {version} exited with code {process.returncode}: {tail}")
        if time.monotonic() > deadline:
            _terminate(process)
            raise LauncherError(f"Neo4j {version} was not ready within {timeout:.0f}s")
        time.sleep(0.1)
    _, uri, _, announced = ready[0].split()
    return Neo4jServer(uri=uri, user="neo4j", password=password, version=announced, process=process)


def _terminate(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def stop(server: Neo4jServer) -> None:
    """Stop a server started by ``start``, by its pid (SIGTERM: a clean shutdown)."""
    _terminate(server.process)


def kill(server: Neo4jServer) -> None:
    """Kill a server at once (SIGKILL), as a crash would."""
    if server.process.poll() is None:
        os.kill(server.pid, signal.SIGKILL)
        server.process.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start an embedded Neo4j for govgraph.")
    parser.add_argument("--version", default=None, help=f"Neo4j release [{LTS_VERSION}]")
    parser.add_argument("--heap", default=None, help=f"maximum heap [{DEFAULT_HEAP}]")
    parser.add_argument("--java-home", default=None, help="JDK (Java 21+ for 2025.x and later)")
    args = parser.parse_args(argv)
    try:
        server = start(version=args.version, heap=args.heap, java_home=args.java_home)
    except LauncherError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"export NEO4J_URI={server.uri} NEO4J_USERNAME=neo4j NEO4J_PASSWORD={server.password}")
    print(f"# Neo4j {server.version}, pid {server.pid}; Ctrl-C stops it", flush=True)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
