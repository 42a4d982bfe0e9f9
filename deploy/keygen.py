"""Write JobMate's two Ed25519 token key pairs into a directory, once.

    python deploy/keygen.py DIR

Layout (one sub-directory per trust level, so a deployment can mount each where it belongs):

    DIR/user-token-signing/private.pem      profile_service only: signs user access tokens
    DIR/service-token-signing/private.pem   callers with service tokens (gateway, tracker, discovery, ai_coach)
    DIR/public/user_token.pub.pem           every process: verifies user tokens
    DIR/public/service_token.pub.pem        every process: verifies service tokens

Existing keys are never overwritten (re-running is a no-op), because replacing a signing key
logs every user out and breaks in-flight service calls. compose runs this as a one-shot service;
for Kubernetes, run it on a trusted machine and load the files into Secrets (docs/deployment.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_PAIRS = {
    # private key path (relative to DIR), public key path (relative to DIR)
    "user_token": ("user-token-signing/private.pem", "public/user_token.pub.pem"),
    "service_token": ("service-token-signing/private.pem", "public/service_token.pub.pem"),
}


def _write(path: Path, data: bytes, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: never replace a key another process wrote in the meantime.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def ensure_keys(directory: Path) -> list[str]:
    """Create the missing key pairs under `directory`; return what was created."""
    created = []
    for name, (private_rel, public_rel) in KEY_PAIRS.items():
        private_path, public_path = directory / private_rel, directory / public_rel
        if private_path.exists():
            if not public_path.exists():
                raise SystemExit(
                    f"{private_path} exists but {public_path} does not: restore it or remove both"
                )
            continue
        key = Ed25519PrivateKey.generate()
        private_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        public_pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        if public_path.exists():
            public_path.unlink()
        _write(public_path, public_pem, 0o444)
        _write(private_path, private_pem, 0o400)
        created.append(name)
    return created


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    created = ensure_keys(Path(argv[1]))
    print(f"created key pairs: {', '.join(created)}" if created else "key pairs already present")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
