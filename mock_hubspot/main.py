"""Builds the FastAPI app of the HubSpot mock."""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import FastAPI

from mock_hubspot.errors import install_error_handlers
from mock_hubspot.fault_middleware import FaultMiddleware
from mock_hubspot.faults import FaultInjector
from mock_hubspot.request_meter import RequestMeter, RequestTally
from mock_hubspot.routers import (
    admin,
    associations,
    legacy_properties,
    object_batches,
    object_merges,
    objects,
    owners,
    pipelines,
    pipelines_v3,
    properties,
    record_associations,
    schemas,
    subscriptions,
    users,
)
from mock_hubspot.settings import MockSettings
from mock_hubspot.stall import Stall
from mock_hubspot.store.portal import Portal


def create_app(
    settings: MockSettings,
    portal: Portal | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> FastAPI:
    """`clock` drives the rate-limit windows (tests pass a still one)."""
    app = FastAPI(title="HubSpot mock", docs_url="/_mock/docs", openapi_url="/_mock/openapi.json")
    app.state.settings = settings
    app.state.portal = portal or Portal(settings.seed, settings.scale)
    app.state.faults = FaultInjector(settings.faults, clock)
    app.state.stall = Stall()
    app.state.requests = RequestTally()
    install_error_handlers(app)
    for module in (
        objects,
        object_batches,
        object_merges,
        properties,
        legacy_properties,
        associations,
        record_associations,
        owners,
        users,
        pipelines,
        pipelines_v3,
        subscriptions,
    ):
        app.include_router(module.router)
    for router in schemas.routers:
        app.include_router(router)
    app.include_router(admin.router)
    app.add_middleware(FaultMiddleware, injector=app.state.faults, stall=app.state.stall)
    # Outermost, so answers the fault injector makes up (429s, 5xx) are counted too.
    app.add_middleware(RequestMeter, tally=app.state.requests)
    return app
