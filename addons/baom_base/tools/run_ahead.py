"""Compute a sequence in a background thread while the caller uses it.

An import reads and matches the rows of a workbook (Python) and writes them
in batches (mostly PostgreSQL, during which Python waits with the GIL
released). Reading the next rows while the database writes the previous
ones uses the machine's second core instead of leaving one side idle.
"""

import queue
import threading

# Items are handed over in chunks: one queue operation per chunk, not per item.
CHUNK_SIZE = 64

_DONE = object()


class _Failure:
    __slots__ = ("error",)

    def __init__(self, error):
        self.error = error


def run_ahead(iterable, chunk_size=CHUNK_SIZE):
    """Iterate over ``iterable`` in a background thread; yield its items in
    order, as they come.

    An exception raised by ``iterable`` is raised again here, at the point
    where its items stop. Closing this generator early (``break``, an error
    in the caller) stops the thread after its current item and waits for
    it, so ``iterable`` is never used by two threads at a time.

    ``iterable`` must not share unguarded state with the caller while it
    runs: an Odoo environment, cursor or cache is not thread-safe, so it
    must only do plain Python work on values it was given.
    """
    handed = queue.SimpleQueue()
    stop = threading.Event()

    def produce():
        chunk = []
        try:
            for item in iterable:
                chunk.append(item)
                if len(chunk) >= chunk_size:
                    handed.put(chunk)
                    chunk = []
                    if stop.is_set():
                        return
            handed.put(chunk)
            handed.put(_DONE)
        except BaseException as error:  # noqa: BLE001 - raised in the caller
            handed.put(chunk)
            handed.put(_Failure(error))

    thread = threading.Thread(target=produce, name="baom-run-ahead", daemon=True)
    thread.start()
    try:
        while True:
            got = handed.get()
            if got is _DONE:
                return
            if type(got) is _Failure:
                raise got.error
            yield from got
    finally:
        stop.set()
        thread.join()
