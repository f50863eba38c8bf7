"""One signing key per organisation, kept outside the repository (CREDENTIAL_KEYS_DIR, by
default instance/keys/<slug>.pem, readable by the owner only). The public half is published
at /o/<slug>/credentials/key, and /verify checks signatures against exactly that key."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from flask import current_app

logger = logging.getLogger(__name__)

ALGORITHM = "EdDSA"  # Ed25519: small keys, deterministic signatures


class KeyExists(Exception):
    """The organisation already has a key: replacing it would break every credential it signed."""


def keys_dir() -> Path:
    return Path(current_app.config["CREDENTIAL_KEYS_DIR"])


def key_path(slug: str) -> Path:
    return keys_dir() / f"{slug}.pem"


def has_key(slug: str) -> bool:
    return key_path(slug).is_file()


def make_key(slug: str) -> str:
    """Create the organisation's key (file mode 0600, folder 0700); return its public key id."""
    path = key_path(slug)
    if path.exists():
        raise KeyExists(str(path))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    from openbadgeslib.keys import KeyEd25519  # imported when used: a leaner start

    private_pem, _public = KeyEd25519().generate_keypair()
    # Created with mode 0600 from the first byte: never readable by others, not even briefly.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(private_pem)
    logger.info("credential key created organisation=%s", slug)
    return key_id(slug)


def private_pem(slug: str) -> bytes | None:
    path = key_path(slug)
    return path.read_bytes() if path.is_file() else None


def public_pem(slug: str) -> bytes | None:
    """The public half, derived from the key file; None while the organisation has no key."""
    pem = private_pem(slug)
    if pem is None:
        return None
    from openbadgeslib.keys import KeyEd25519

    key = KeyEd25519()
    key.read_private_key(pem)
    key.pub_key = key.priv_key.public_key()
    return key.get_pub_key_pem()


def key_id(slug: str) -> str:
    """A short fingerprint of the public key: what `make-key` prints and the JWK carries."""
    pem = public_pem(slug)
    if pem is None:
        raise FileNotFoundError(str(key_path(slug)))
    return hashlib.sha256(pem).hexdigest()[:16]


def public_jwk(slug: str) -> dict | None:
    pem = public_pem(slug)
    if pem is None:
        return None
    from openbadgeslib.keys import public_jwk_from_pem

    jwk = public_jwk_from_pem(pem)
    jwk.update({"kid": key_id(slug), "use": "sig", "alg": ALGORITHM})
    return jwk
