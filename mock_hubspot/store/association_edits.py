"""Associations added and removed through the API, laid over the generated ones.

Edits are keyed like `TYPE_IDS`, in the owner's orientation (a deal owns its contacts):
(owner index, target index) under (owner type, target type), so one edit shows in both
directions. A removal hides a generated link (all its types, the primary label too); an
addition is a default, unlabeled association. Insertion-ordered containers keep what the
mock answers a function of the seed and the sequence of edits.

Editing an association changes no record's last-modified date: HubSpot does not bump
`lastmodifieddate` / `hs_lastmodifieddate` for it either, so an incremental search on that
date never sees association changes, and a sync needs a periodic full association pass.
"""

from __future__ import annotations

from collections.abc import Iterator

Pair = tuple[str, str]


class AssociationEdits:
    def __init__(self) -> None:
        self._added: dict[Pair, dict[int, dict[int, None]]] = {}
        self._removed: dict[Pair, set[tuple[int, int]]] = {}
        self._versions: dict[Pair, int] = {}

    @property
    def version(self) -> int:
        """Moves with every effective edit of any pair (for caches over all pairs)."""
        return sum(self._versions.values())

    def pair_version(self, pair: Pair) -> int:
        return self._versions.get(pair, 0)

    def removed(self, pair: Pair) -> set[tuple[int, int]]:
        """Generated links of the pair that were removed, as (owner, target)."""
        return self._removed.get(pair, set())

    def added_targets(self, pair: Pair, owner: int) -> list[int]:
        return list(self._added.get(pair, {}).get(owner, ()))

    def added(self, pair: Pair) -> Iterator[tuple[int, int]]:
        for owner, targets in self._added.get(pair, {}).items():
            for target in targets:
                yield owner, target

    def add(self, pair: Pair, owner: int, target: int, generated: bool) -> bool:
        """Associate the two records; False when they already were (a generated link
        already carries the unlabeled type, so it stays as it is, labels and all)."""
        if generated and (owner, target) not in self.removed(pair):
            return False
        targets = self._added.setdefault(pair, {}).setdefault(owner, {})
        if target in targets:
            return False
        targets[target] = None
        self._bump(pair)
        return True

    def remove(self, pair: Pair, owner: int, target: int, generated: bool) -> bool:
        """Dissociate the two records entirely; False when they were not associated."""
        targets = self._added.get(pair, {}).get(owner, {})
        changed = target in targets
        targets.pop(target, None)
        if generated and (owner, target) not in self.removed(pair):
            self._removed.setdefault(pair, set()).add((owner, target))
            changed = True
        if changed:
            self._bump(pair)
        return changed

    def _bump(self, pair: Pair) -> None:
        self._versions[pair] = self._versions.get(pair, 0) + 1
