"""Helpers for profile_service's tests (no tests here): a client for a started service, sign-up, PDFs."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import grpc

from jobmate.profile.v1 import profile_pb2, profile_pb2_grpc
from tests.helpers import bearer, service_token

PASSWORD = "correct horse battery"


@dataclass
class Account:
    user_id: str
    email: str
    access_token: str
    refresh_token: str

    @property
    def auth(self) -> list[tuple[str, str]]:
        return bearer(self.access_token)


@asynccontextmanager
async def profile_client(services, **settings) -> AsyncIterator[profile_pb2_grpc.ProfileServiceStub]:
    """Start the real profile_service and yield a stub on a real channel to it."""
    await services.start("profile_service", **settings)
    async with grpc.aio.insecure_channel(services.address("profile_service")) as channel:
        yield profile_pb2_grpc.ProfileServiceStub(channel)


async def register(stub: profile_pb2_grpc.ProfileServiceStub, email: str | None = None,
                   full_name: str = "") -> Account:
    email = email or f"user-{uuid.uuid4().hex[:8]}@example.com"
    reply = await stub.Register(profile_pb2.RegisterRequest(email=email, password=PASSWORD, full_name=full_name),
                                timeout=10)
    return Account(reply.user.id, reply.user.email, reply.tokens.access_token, reply.tokens.refresh_token)


def internal(name: str, *scopes: str) -> list[tuple[str, str]]:
    return bearer(service_token(name, set(scopes)))


def make_pdf(pages: int = 1, text: str = "Jane Doe - Python developer") -> bytes:
    """A small, well-formed PDF (correct xref offsets) with `pages` pages of text."""
    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font_id = 3 + 2 * pages
    for i in range(pages):
        content_id = 4 + 2 * i
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R"
                       f" /Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        stream = f"BT /F1 12 Tf 72 770 Td ({text} p{i + 1}) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
