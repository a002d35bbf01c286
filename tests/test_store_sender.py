"""The push's background sender: order kept, the caller builds while the worker sends,
the first error raised in the caller's thread and the batches after it dropped."""

from __future__ import annotations

import threading

import pytest

from govgraph.store.sender import BackgroundSender


def test_batches_are_sent_in_order_on_another_thread() -> None:
    sent: list[tuple[str, int, str]] = []

    def send(text: str, batch: list[int]) -> None:
        sent.append((text, batch[0], threading.current_thread().name))

    with BackgroundSender(send) as queue:
        for index in range(50):
            queue("S", [index])
    assert [index for _, index, _ in sent] == list(range(50))
    assert {thread for *_, thread in sent} == {"govgraph-push"}


def test_the_caller_builds_the_next_batch_while_one_is_sent() -> None:
    sending, built = threading.Event(), threading.Event()
    order: list[str] = []

    def send(text: str, batch: list[int]) -> None:
        sending.set()
        assert built.wait(10), "the caller did not go on while the batch was sent"
        order.append(f"sent {batch[0]}")

    with BackgroundSender(send) as queue:
        queue("S", [1])
        assert sending.wait(10)
        order.append("built 2")  # the first batch is still being sent
        built.set()
        queue("S", [2])
        queue.drain()
    assert order == ["built 2", "sent 1", "sent 2"]


def test_the_first_error_is_raised_in_the_caller_and_what_follows_is_dropped() -> None:
    sent: list[int] = []
    failed = threading.Event()

    def send(text: str, batch: list[int]) -> None:
        if batch[0] == 2:
            failed.set()
            raise ValueError("the server refused batch 2")
        sent.append(batch[0])

    with pytest.raises(ValueError, match="batch 2"), BackgroundSender(send) as queue:
        queue("S", [1])
        queue("S", [2])
        assert failed.wait(10)
        queue.drain()
    assert sent == [1]

    sent.clear()
    with pytest.raises(ValueError, match="batch 2"), BackgroundSender(send, depth=1) as queue:
        for index in range(1, 6):
            queue("S", [index])  # raises once the worker has failed
    assert sent == [1]  # batches 3 to 5 were never sent


def test_an_error_of_the_caller_drops_what_is_queued() -> None:
    release, started = threading.Event(), threading.Event()
    sent: list[int] = []

    def send(text: str, batch: list[int]) -> None:
        started.set()
        release.wait(10)
        sent.append(batch[0])

    # the first batch is held until well after the caller has failed
    timer = threading.Timer(2.0, release.set)
    timer.start()
    with pytest.raises(KeyError), BackgroundSender(send, depth=5) as queue:
        for index in range(4):
            queue("S", [index])
        assert started.wait(10)
        raise KeyError("the caller failed")
    timer.join()
    assert sent == [0]  # the batch being sent when the caller failed, nothing after
