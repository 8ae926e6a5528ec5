"""Word pools drawn once from a seeded Faker, then sampled per record with cheap RNGs."""

from __future__ import annotations

from dataclasses import dataclass

from faker import Faker

_POOL_SIZE = 250


@dataclass(frozen=True)
class Pools:
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    cities: tuple[str, ...]
    streets: tuple[str, ...]
    postcodes: tuple[str, ...]
    company_stems: tuple[str, ...]
    sentences: tuple[str, ...]
    words: tuple[str, ...]

    @classmethod
    def build(cls, seed: int) -> Pools:
        fake = Faker("en_US")
        fake.seed_instance(seed)

        def draw(make: object) -> tuple[str, ...]:
            return tuple(make() for _ in range(_POOL_SIZE))  # type: ignore[operator]

        return cls(
            first_names=draw(fake.first_name),
            last_names=draw(fake.last_name),
            cities=draw(fake.city),
            streets=draw(fake.street_address),
            postcodes=draw(fake.postcode),
            company_stems=draw(fake.last_name),
            sentences=draw(fake.sentence),
            words=tuple(dict.fromkeys(w.lower() for w in draw(fake.word))),
        )
