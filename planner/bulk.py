"""Making many objects at once (a lead's view of thousands of people) without the garbage collector's pauses."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_COLLECTION_PAUSED = 0  # how many readings have paused Python's cyclic collector (see below)
_COLLECTION_LOCK = threading.Lock()


@contextmanager
def without_cyclic_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many models are made, and start it again after.

    Making thousands of models (a team view of 4,000 people) allocates enough objects to set the
    collector off again and again, each time walking everything the process holds: measured,
    the first look at 4,000 people took 6.2 s with it running and 2.2 s without. Models hold no
    cycles to collect, and the collector runs as usual once the last reading ends.
    """
    global _COLLECTION_PAUSED
    with _COLLECTION_LOCK:
        if _COLLECTION_PAUSED == 0 and not gc.isenabled():
            paused = False  # switched off by someone else: theirs to switch on
        else:
            paused = True
            _COLLECTION_PAUSED += 1
            gc.disable()
    try:
        yield
    finally:
        if paused:
            with _COLLECTION_LOCK:
                _COLLECTION_PAUSED -= 1
                if _COLLECTION_PAUSED == 0:
                    gc.enable()
