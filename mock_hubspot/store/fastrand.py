"""A tiny deterministic generator (SplitMix64) for hot paths where seeding MT is too slow."""

from __future__ import annotations

import zlib

_MASK = (1 << 64) - 1


def stable_key(*parts: str | int) -> int:
    return zlib.crc32(":".join(map(str, parts)).encode()) << 32 | zlib.crc32(
        ":".join(map(str, reversed(parts))).encode()
    )


class SplitMix:
    __slots__ = ("_state",)

    def __init__(self, key: int, index: int) -> None:
        self._state = (key ^ (index * 0x9E3779B97F4A7C15)) & _MASK

    def _next(self) -> int:
        self._state = (self._state + 0x9E3779B97F4A7C15) & _MASK
        z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        return (self._next() >> 11) / 9007199254740992.0

    def randrange(self, stop: int) -> int:
        return self._next() % stop

    def randint(self, low: int, high: int) -> int:
        return low + self.randrange(high - low + 1)
