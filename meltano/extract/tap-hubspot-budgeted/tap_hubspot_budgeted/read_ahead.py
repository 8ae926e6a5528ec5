"""The next request is on the wire while this one's records are processed.

singer-sdk sends a stream's next page only after every record of the current page has been
conformed, flattened and written, so the tap alternates between waiting for HubSpot and
working, and a paced sync leaves budget unused while it works. Here one worker thread
sends the requests, in the order the SDK would send them, one at a time:

- a paginated stream asks for page k+1 as soon as page k's answer names it, before page
  k's records are yielded (the next token depends on the answer only);
- an association stream asks for its next batch read (the next partition, or the first
  one of the next association stream) before the current batch's rows are yielded.

Every request still goes through the stream's own `_request` (the budget, the 429 handling,
the SDK's backoff), so the count and the pacing are unchanged. A stream that stops early
(no records on a page) sends nothing more, as the SDK does. Setting `read_ahead: false`
restores the SDK's loop.
"""

from __future__ import annotations

import typing as t
from concurrent.futures import Future, ThreadPoolExecutor

from singer_sdk.pagination import SinglePagePaginator
from singer_sdk.streams.rest import _HTTPStream

if t.TYPE_CHECKING:
    import requests
    from singer_sdk.helpers.types import Context
    from singer_sdk.pagination import BaseAPIPaginator

Sent = tuple["requests.PreparedRequest", "Future[requests.Response]"]
STARTED_LINE = "Requests are sent ahead by one worker thread (read_ahead)"


class RequestWorker:
    """One thread, so requests leave in submission order and never overlap."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None

    def send_page(
        self, stream: t.Any, context: Context | None, paginator: BaseAPIPaginator
    ) -> Sent:
        """Queue the request for the paginator's current page."""
        return self.send(stream, prepare(stream, context, paginator), context)

    def send(
        self, stream: t.Any, prepared: requests.PreparedRequest, context: Context | None
    ) -> Sent:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-ahead")
            stream.logger.info(STARTED_LINE)
        request = stream.request_decorator(stream._request)
        return prepared, self._pool.submit(request, prepared, context)

    def close(self) -> None:
        """Drop what was queued and not sent (a failed run sends nothing more)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def prepare(
    stream: t.Any, context: Context | None, paginator: BaseAPIPaginator
) -> requests.PreparedRequest:
    """The request for the paginator's current page, built as the SDK's loop builds it."""
    if type(stream).prepare_request is not _HTTPStream.prepare_request:
        return stream.prepare_request(context, paginator.current_value)
    return stream._prepare_request(context=context, page=paginator)


class ReadAhead:
    """Mixed in last before a tap-hubspot stream class: the SDK's `request_records` loop,
    with the next page requested before the current page's records are yielded."""

    def request_records(self, context: Context | None) -> t.Iterable[dict]:
        worker: RequestWorker | None = getattr(self._tap, "request_worker", None)  # type: ignore[attr-defined]
        if worker is None:
            yield from super().request_records(context)  # type: ignore[misc]
            return
        paginator = self.get_new_paginator() or SinglePagePaginator()  # type: ignore[attr-defined]
        pages = 0
        with self.get_http_request_counter() as counter:  # type: ignore[attr-defined]
            counter.with_context(context)
            sent: Sent | None = worker.send_page(self, context, paginator)
            while sent is not None:
                prepared, answer = sent
                response = answer.result()
                counter.increment()
                self.update_sync_costs(prepared, response, context)  # type: ignore[attr-defined]
                records = list(self.parse_response(response))  # type: ignore[attr-defined]
                sent = None
                if records or paginator.continue_if_empty(response):
                    paginator.advance(response)
                    if not paginator.finished:
                        sent = worker.send_page(self, context, paginator)
                else:
                    self.log(  # type: ignore[attr-defined]
                        "Pagination stopped after %d pages because no records were found in "
                        "the last response",
                        pages,
                    )
                if records:
                    pages += 1
                yield from records
