"""A local CA and a certificate for api.hubapi.com, made once and reused while valid."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import trustme
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID

HOSTNAME = "api.hubapi.com"
IDENTITIES = (HOSTNAME, "localhost", "127.0.0.1")
MIN_REMAINING = datetime.timedelta(days=7)
LIFETIME = datetime.timedelta(days=825)


@dataclass(frozen=True)
class TlsMaterial:
    ca_cert: Path
    server_cert: Path
    server_key: Path


def _paths(directory: Path) -> TlsMaterial:
    return TlsMaterial(directory / "ca.pem", directory / "server.pem", directory / "server.key")


def _is_valid(material: TlsMaterial) -> bool:
    try:
        ca = x509.load_pem_x509_certificate(material.ca_cert.read_bytes())
        leaf = x509.load_pem_x509_certificates(material.server_cert.read_bytes())[0]
        key = serialization.load_pem_private_key(material.server_key.read_bytes(), None)
        leaf.verify_directly_issued_by(ca)
    except (OSError, ValueError, TypeError, InvalidSignature):
        return False
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    usages = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    deadline = datetime.datetime.now(datetime.UTC) + MIN_REMAINING
    return (
        HOSTNAME in names.get_values_for_type(x509.DNSName)
        and ExtendedKeyUsageOID.SERVER_AUTH in usages
        and min(ca.not_valid_after_utc, leaf.not_valid_after_utc) > deadline
        and key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        == leaf.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )


def ensure_tls_material(directory: Path) -> TlsMaterial:
    material = _paths(directory)
    if _is_valid(material):
        return material
    directory.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA(organization_name="Paracelsus local HubSpot mock CA")
    now = datetime.datetime.now(datetime.UTC)
    leaf = ca.issue_cert(
        *IDENTITIES, not_before=now - datetime.timedelta(hours=1), not_after=now + LIFETIME
    )
    ca.cert_pem.write_to_path(str(material.ca_cert))
    leaf.private_key_pem.write_to_path(str(material.server_key))
    material.server_key.chmod(0o600)
    material.server_cert.write_bytes(b"".join(blob.bytes() for blob in leaf.cert_chain_pems))
    return material
