"""An HTTP CONNECT proxy that tunnels only api.hubapi.com:443 to the local mock.

Anything else (another host or port, a plain proxied GET) is answered `403 Forbidden`,
so a tap behind it can reach nothing but the mock.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import socket

ALLOWED_TARGET = "api.hubapi.com:443"
MAX_HEAD_BYTES = 16_384
HEAD_TIMEOUT_S = 10.0
log = logging.getLogger("mock_hubspot.connect_proxy")


async def _refuse(writer: asyncio.StreamWriter, status: str, reason: str) -> None:
    body = f"{reason}\n".encode()
    writer.write(
        f"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n".encode()
        + body
    )
    with contextlib.suppress(ConnectionError):
        await writer.drain()
    writer.close()


async def _pipe(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    ack_socket: socket.socket | None = None,
) -> None:
    try:
        while chunk := await reader.read(65_536):
            writer.write(chunk)
            await writer.drain()
            if ack_socket is not None:
                _quick_ack(ack_socket)
    except ConnectionError:
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


def _no_delay(writer: asyncio.StreamWriter) -> None:
    """asyncio leaves Nagle on for sockets whose proto is 0; a tunnel must not batch writes."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _quick_ack(sock: socket.socket) -> None:
    """Clients that send headers and body in two writes with Nagle on (requests through a
    tunnel does) would otherwise wait ~40 ms per request for our delayed ACK on Linux."""
    if hasattr(socket, "TCP_QUICKACK"):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)


class ConnectProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream_host = upstream_host
        self.upstream_port = upstream_port

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_TIMEOUT_S)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
            await _refuse(writer, "400 Bad Request", "Malformed proxy request")
            return
        method, _, rest = head.split(b"\r\n", 1)[0].decode("latin-1").partition(" ")
        target = rest.split(" ", 1)[0].lower()
        if method.upper() != "CONNECT" or target != ALLOWED_TARGET:
            log.info("refused %s %s", method, target)
            await _refuse(writer, "403 Forbidden", f"Only CONNECT {ALLOWED_TARGET} is allowed")
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(
                self.upstream_host, self.upstream_port
            )
        except OSError as exc:
            await _refuse(writer, "502 Bad Gateway", f"Mock unreachable: {exc}")
            return
        _no_delay(writer)
        _no_delay(up_writer)
        writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
        await writer.drain()
        client_socket = writer.get_extra_info("socket")
        await asyncio.gather(_pipe(reader, up_writer, client_socket), _pipe(up_reader, writer))

    async def start(self, host: str, port: int) -> asyncio.Server:
        return await asyncio.start_server(self.handle, host, port, limit=MAX_HEAD_BYTES)


async def serve(listen_host: str, listen_port: int, upstream_port: int) -> None:
    server = await ConnectProxy(upstream_port).start(listen_host, listen_port)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listen-host", default="127.0.0.1")
    parser.add_argument("--listen-port", type=int, required=True)
    parser.add_argument("--upstream-port", type=int, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        asyncio.run(serve(args.listen_host, args.listen_port, args.upstream_port))
    except OSError as exc:
        raise SystemExit(
            f"connect proxy cannot listen on {args.listen_host}:{args.listen_port}: {exc}"
        ) from None
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
