"""The next request is on the wire while this one's records are processed.

singer-sdk sends a stream's next page only after every record of the current page has been
conformed, flattened and written, so the tap alternates between waiting for HubSpot and
working, and a paced sync leaves budget unused while it works. Here one worker thread
sends the requests, in the order the SDK would send them, one at a time:

- a paginated stream asks for page k+1 as soon as page k's answer names it, before page
  k's records are yielded (the next token depends on the answer only);
- an association stream asks for its next batch read (the next partition, or the first
  one of the next association stream) before the current batch's rows are yielded.

Every request is prepared and sent by the worker (so the stream's session is never used by
two threads) and still goes through the stream's own `_request` (the budget, the 429
handling, the SDK's backoff), so the count and the pacing are unchanged. A stream that
stops early (no records on a page) sends nothing more, as the SDK does. Once the run ends
or fails, the worker is closed: nothing queued is sent, and no retry. A dry run (`--test`)
and `read_ahead: false` use the SDK's loop.
"""

from __future__ import annotations

import queue
import threading
import typing as t
from concurrent.futures import Future

from singer_sdk.pagination import SinglePagePaginator
from singer_sdk.streams.rest import _HTTPStream

if t.TYPE_CHECKING:
    import requests
    from singer_sdk.helpers.types import Context
    from singer_sdk.pagination import BaseAPIPaginator

Answer = tuple["requests.PreparedRequest", "requests.Response"]
Sent = Future[Answer]
STARTED_LINE = "Requests are sent ahead by one worker thread (read_ahead)"


class RequestDropped(Exception):
    """A queued request, or a retry, after the worker was closed: nothing is sent."""


class RequestWorker:
    """One thread, so requests leave in submission order and never overlap. It also
    prepares each request, so the stream's session is only ever used by this thread.

    A daemon thread, not a ThreadPoolExecutor's: the interpreter joins those at exit, so a
    tap told to stop (SIGTERM) while a request hangs would wait for that request (up to the
    SDK's timeout) before it could exit.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Sent, t.Callable[[], Answer]] | None] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._closed = threading.Event()
        self._inside = threading.local()

    def _work(self) -> None:
        while (item := self._jobs.get()) is not None:
            future, job = item
            if self._closed.is_set() or not future.set_running_or_notify_cancel():
                future.cancel()
                continue
            try:
                future.set_result(job())
            except BaseException as error:  # handed to the caller by result()
                future.set_exception(error)

    def send_page(
        self, stream: t.Any, context: Context | None, paginator: BaseAPIPaginator
    ) -> Sent:
        """Queue the request for the paginator's current page (read when the worker
        prepares it: the caller advances the paginator only after this answer)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="read-ahead", daemon=True)
            self._thread.start()
            stream.logger.info(STARTED_LINE)

        def attempt(prepared: requests.PreparedRequest, ctx: Context | None) -> t.Any:
            # Checked before every try, the SDK's retries included: a closed worker (a
            # failed or finished run) sends nothing more.
            if self._closed.is_set():
                raise RequestDropped(stream.name)
            return stream._request(prepared, ctx)

        def job() -> Answer:
            self._inside.active = True
            try:
                prepared = prepare(stream, context, paginator)
                return prepared, stream.request_decorator(attempt)(prepared, context)
            finally:
                self._inside.active = False

        if getattr(self._inside, "active", False):
            # Asked from inside a job (preparing a request looked something up, such as a
            # property list): run it here, since the one thread cannot wait for itself.
            inline: Sent = Future()
            try:
                inline.set_result(job())
            except Exception as error:  # handed to the caller by result()
                inline.set_exception(error)
            finally:
                self._inside.active = True
            return inline
        sent: Sent = Future()
        self._jobs.put((sent, job))
        return sent

    def close(self) -> None:
        """Drop what was queued and not sent; a request on the wire is not retried, and
        the thread ends after it."""
        self._closed.set()
        if self._thread is not None:
            self._jobs.put(None)
            self._thread = None


def prepare(
    stream: t.Any, context: Context | None, paginator: BaseAPIPaginator
) -> requests.PreparedRequest:
    """The request for the paginator's current page, built as the SDK's loop builds it."""
    if type(stream).prepare_request is not _HTTPStream.prepare_request:
        return stream.prepare_request(context, paginator.current_value)
    return stream._prepare_request(context=context, page=paginator)


def worker_for(stream: t.Any) -> RequestWorker | None:
    """The tap's worker, or None where the stream sends as the SDK does: with `read_ahead:
    false`, or in a dry run (`--test`), which stops at its first records and must send no
    request it will not read."""
    if stream.ABORT_AT_RECORD_COUNT is not None:
        return None
    return getattr(stream._tap, "request_worker", None)


class ReadAhead:
    """Mixed in last before a tap-hubspot stream class: the SDK's `request_records` loop,
    with the next page requested before the current page's records are yielded."""

    def request_records(self, context: Context | None) -> t.Iterable[dict]:
        worker = worker_for(self)
        if worker is None:
            yield from super().request_records(context)  # type: ignore[misc]
            return
        paginator = self.get_new_paginator() or SinglePagePaginator()  # type: ignore[attr-defined]
        pages = 0
        with self.get_http_request_counter() as counter:  # type: ignore[attr-defined]
            counter.with_context(context)
            sent: Sent | None = worker.send_page(self, context, paginator)
            while sent is not None:
                prepared, response = sent.result()
                counter.increment()
                self.update_sync_costs(prepared, response, context)  # type: ignore[attr-defined]
                records = list(self.parse_response(response))  # type: ignore[attr-defined]
                sent = None
                stopped: Exception | None = None
                if records or paginator.continue_if_empty(response):
                    try:
                        paginator.advance(response)
                    except Exception as error:
                        # The SDK yields a page's records before it advances (and may
                        # detect a loop): they are not lost to an early advance.
                        stopped = error
                    if stopped is None and not paginator.finished:
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
                if stopped is not None:
                    raise stopped
