import asyncio
import ssl
from pathlib import Path

from cryptography import x509

from mock_hubspot.connect_proxy import ConnectProxy
from mock_hubspot.tls import ensure_tls_material


def test_tls_material_is_valid_for_api_hubapi_com_and_reused(tmp_path: Path):
    material = ensure_tls_material(tmp_path)
    leaf = x509.load_pem_x509_certificates(material.server_cert.read_bytes())[0]
    ca = x509.load_pem_x509_certificate(material.ca_cert.read_bytes())
    leaf.verify_directly_issued_by(ca)
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "api.hubapi.com" in names.get_values_for_type(x509.DNSName)
    context = ssl.create_default_context(cafile=str(material.ca_cert))
    context.load_cert_chain(material.server_cert, material.server_key)
    stamp = material.ca_cert.read_bytes()
    assert ensure_tls_material(tmp_path) == material
    assert material.ca_cert.read_bytes() == stamp


def test_broken_tls_material_is_regenerated(tmp_path: Path):
    material = ensure_tls_material(tmp_path)
    material.server_cert.write_text("garbage")
    ensure_tls_material(tmp_path)
    x509.load_pem_x509_certificates(material.server_cert.read_bytes())


async def _exchange(proxy_port: int, request: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", proxy_port)
    writer.write(request)
    await writer.drain()
    data = await asyncio.wait_for(reader.read(4096), 5)
    writer.close()
    return data


async def _scenario() -> dict[str, bytes]:
    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"echo:" + await reader.read(100))
        await writer.drain()
        writer.close()

    upstream = await asyncio.start_server(echo, "127.0.0.1", 0)
    upstream_port = upstream.sockets[0].getsockname()[1]
    proxy = await ConnectProxy(upstream_port).start("127.0.0.1", 0)
    port = proxy.sockets[0].getsockname()[1]
    results = {
        "other_host": await _exchange(port, b"CONNECT example.com:443 HTTP/1.1\r\n\r\n"),
        "other_port": await _exchange(port, b"CONNECT api.hubapi.com:80 HTTP/1.1\r\n\r\n"),
        "plain_get": await _exchange(port, b"GET http://api.hubapi.com/ HTTP/1.1\r\n\r\n"),
    }
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"CONNECT api.hubapi.com:443 HTTP/1.1\r\nHost: api.hubapi.com:443\r\n\r\n")
    results["allowed"] = await reader.readuntil(b"\r\n\r\n")
    writer.write(b"hello")
    results["tunnel"] = await asyncio.wait_for(reader.read(100), 5)
    writer.close()
    proxy.close()
    upstream.close()
    return results


def test_proxy_tunnels_only_api_hubapi_com_443():
    results = asyncio.run(_scenario())
    for refused in ("other_host", "other_port", "plain_get"):
        assert results[refused].startswith(b"HTTP/1.1 403 Forbidden"), refused
    assert results["allowed"].startswith(b"HTTP/1.1 200")
    assert results["tunnel"] == b"echo:hello"
