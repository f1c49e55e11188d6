"""Hooks: a lower feature announces that something happened, higher features connect to it.

The feature that fires never imports those that listen (Indico's signals, without blinker's
ceremony): e.g. meetings fires `meeting_created`, the decisions feature connects its feedback
pre-fill to it.
"""
from typing import Callable


class Hook:
    def __init__(self, name: str):
        self.name = name
        self._receivers: list[Callable] = []

    def connect(self, receiver: Callable) -> Callable:
        """Add `receiver` (once); usable as a decorator."""
        if receiver not in self._receivers:
            self._receivers.append(receiver)
        return receiver

    def send(self, *args, **kwargs) -> None:
        for receiver in list(self._receivers):
            receiver(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._receivers)} receivers>"
