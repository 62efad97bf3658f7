"""A sequence computed in a background thread: same items, same order, its
errors raised to the caller, and no thread left behind."""

import threading

import pytest
from baom_base_tools.run_ahead import run_ahead


def test_items_come_in_order_whatever_the_chunk_size():
    for chunk_size in (1, 3, 64, 1000):
        assert list(run_ahead(iter(range(500)), chunk_size)) == list(range(500))
    assert list(run_ahead([])) == []


def test_items_are_computed_in_another_thread():
    callers = set()

    def produce():
        for number in range(10):
            callers.add(threading.current_thread().name)
            yield number

    assert list(run_ahead(produce())) == list(range(10))
    assert callers == {"baom-run-ahead"}


def test_an_error_is_raised_after_the_items_before_it():
    def produce():
        yield from range(100)
        raise ValueError("row 101 is unreadable")

    got = []
    with pytest.raises(ValueError, match="row 101"):
        for number in run_ahead(produce(), chunk_size=7):
            got.append(number)
    assert got == list(range(100))


def test_stopping_early_stops_the_thread():
    produced = []
    started = threading.active_count()

    def produce():
        for number in range(10**9):
            produced.append(number)
            yield number

    items = run_ahead(produce(), chunk_size=10)
    assert [next(items) for _ in range(5)] == [0, 1, 2, 3, 4]
    items.close()
    assert threading.active_count() == started
    stopped_at = len(produced)
    assert stopped_at < 10**6
    assert len(produced) == stopped_at, "Nothing produced after closing"
