"""Every request a stream sends goes through the portal's budget (see budget.py)."""

from __future__ import annotations

import typing as t

import requests

if t.TYPE_CHECKING:
    from singer_sdk.helpers.types import Context


class BudgetedRequests:
    """Mixed in before a tap-hubspot stream class: the SDK's `_request`, paced.

    The SDK's own backoff decorator still wraps this method, for connection errors and 5xx;
    429s are handled inside, by the policy HubSpot names.
    """

    def _request(
        self, prepared_request: requests.PreparedRequest, context: Context | None
    ) -> requests.Response:
        authenticated = self.authenticator(prepared_request)  # type: ignore[attr-defined]
        is_search = (prepared_request.path_url or "").split("?")[0].endswith("/search")
        response = self._tap.budget.send(  # type: ignore[attr-defined]
            lambda: self.requests_session.send(  # type: ignore[attr-defined]
                authenticated,
                timeout=self.timeout,  # type: ignore[attr-defined]
                allow_redirects=self.allow_redirects,  # type: ignore[attr-defined]
            ),
            is_search,
        )
        self._write_request_duration_log(  # type: ignore[attr-defined]
            endpoint=self.path,  # type: ignore[attr-defined]
            response=response,
            context=context,
            extra_tags=None,
        )
        self.validate_response(response)  # type: ignore[attr-defined]
        return response
