"""Send batches on a worker thread, so that the caller builds the next batch while the
server writes this one.

A large-model push commits one transaction per batch; building a batch's rows (the
model's records to maps, content hashes, chunk digests) is Python work, writing it is
the server's. Done one after the other, each waits for the other; with the sends on a
thread (which waits on the socket without holding the GIL) they overlap. At most
``depth`` batches wait their turn, so memory stays at a few batches.

The first error a send raises is raised again by the next ``__call__``, by ``drain`` or
on leaving the ``with`` block; the batches queued after it are dropped.

>>> sent = []
>>> with BackgroundSender(lambda text, batch: sent.append((text, len(batch)))) as send:
...     send("CREATE ...", [1, 2, 3])
...     send("CREATE ...", [4])
...     send.drain()
...     sent
[('CREATE ...', 3), ('CREATE ...', 1)]
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

__all__ = ["BackgroundSender"]

_STOP = object()


class BackgroundSender:
    """Calls ``send(text, batch)`` on one worker thread, in the order given."""

    def __init__(self, send: Callable[[str, list[Any]], None], depth: int = 2) -> None:
        self._send = send
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="govgraph-push", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                if self._error is None:  # after an error, drop what is queued
                    self._send(*item)
            except BaseException as exc:  # raised again in the caller's thread
                self._error = exc
            finally:
                self._queue.task_done()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def __call__(self, text: str, batch: list[Any]) -> None:
        """Queue one batch (waits while ``depth`` batches are queued)."""
        self._raise()
        self._queue.put((text, batch))

    def drain(self) -> None:
        """Wait until every queued batch is sent; raise the first send's error."""
        self._queue.join()
        self._raise()

    def close(self) -> None:
        """Stop the worker once what is queued is sent (or dropped, after an error)."""
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    def __enter__(self) -> BackgroundSender:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is not None:
            self._error = value  # the caller failed: drop what is still queued
            self.close()
            self._error = None
            return
        self.close()
        self._raise()
