"""The OLTP seed's physicians and providers, who are also HubSpot contacts (same email), and
which physician supervises which provider (the portal's supervision agreements)."""

from __future__ import annotations

from collections.abc import Sequence

from mock_hubspot.store.context import PersonLike, SupervisionLike


def load_roster(seed: int, scale: float) -> tuple[Sequence[PersonLike], Sequence[SupervisionLike]]:
    from oltp_seed.roster import build_roster

    roster = build_roster(seed, scale)
    return roster.people, roster.supervised
