"""Values worked out once per server process and shared by every session, found by a plain key.

st.cache_resource does the same, but each call hashes its arguments with Streamlit's own hasher
and reads the function's signature: about half a millisecond a call, on every rerun, for values
that are found by a few strings. Here the key is a plain hashable tuple, so finding a value costs
one dictionary look-up. What is handed out is shared by every session: treat it as read-only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")

_memos: list[Memo] = []


class Memo:
    """The values of one kind, by key; the one used longest ago goes first when there are too many.

    Args:
        max_entries: How many values are kept at most.
        spinner: Shown while a value is worked out for the first time (None: nothing shown).
    """

    def __init__(self, max_entries: int = 16, spinner: str | None = None) -> None:
        self.max_entries = max_entries
        self.spinner = spinner
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        _memos.append(self)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value kept for `key`, or `compute()`'s, kept for next time unless it raised."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]  # type: ignore[no-any-return]
        # Worked out outside the lock, so one slow value never holds up another session's look-up;
        # two sessions asking at once for a new key both work it out, and the values are the same.
        if self.spinner is None:
            value = compute()
        else:
            with st.spinner(self.spinner):
                value = compute()
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.max_entries:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


def clear_all() -> None:
    """Forget every value of every memo (tests that change the data under the app call this)."""
    for memo in _memos:
        memo.clear()
