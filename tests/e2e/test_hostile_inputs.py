"""Hostile input through the real mesh, as a user (or an attacker with an account) would send it.

- CV uploads (GraphQL multipart, `uploadCV`): random bytes, a text file, truncated and corrupted PDFs,
  an encrypted one, a decompression bomb, page trees with thousands of pages (declared or hidden),
  deeply nested objects. Each one is refused at upload with BAD_USER_INPUT, or accepted and then
  stored as a parse failure with a readable reason; never a 5xx or INTERNAL_SERVER_ERROR. A normal CV
  still parses afterwards and every process stays healthy.
- URLs for `addJobByUrl`: the SSRF list (link-local metadata, private and CGNAT ranges, IPv4-mapped and
  numeric spellings, other schemes, credentials), a loopback page that redirects to the metadata
  address, and a slow-loris server that trickles bytes. Each gets a clear error; discovery stays up.

The mesh runs with ALLOW_LOOPBACK_FETCH so the loopback fakes here are reachable, as in dev; loopback
refusal itself is covered by tests/unit/test_ssrf.py.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest

from devtools.processes import PROCESSES
from tests.faults.harness import GatewayClient, GraphQLReply, settle
from tests.unit.test_cv_hostile import (
    corrupted_xref,
    deeply_nested_dictionaries,
    deeply_nested_page_tree,
    password_protected,
    plain_text_file,
    random_bytes,
    thousands_of_pages,
    thousands_of_pages_declared_as_one,
    truncated,
    zero_pages,
)
from tests.unit.test_cv_pdfs import assemble, deflate_bomb, one_column_cv, stream_object

pytestmark = pytest.mark.e2e

UPLOAD = ("mutation($file: Upload!) { uploadCV(file: $file) { id parseStatus parseError } }")
CV_STATUS = "{ cvStatus { id parseStatus parseError } }"


def decompression_bomb() -> bytes:
    """About 600 KB on disk, 600 MB once its content stream is inflated."""
    return assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        stream_object(deflate_bomb(600 * 1024 * 1024), b"/Filter /FlateDecode"),
    ])


HOSTILE_CVS: list[tuple[str, Callable[[], bytes]]] = [
    ("random bytes", random_bytes),
    ("a text file named .pdf", plain_text_file),
    ("truncated PDF", truncated),
    ("corrupted PDF", corrupted_xref),
    ("encrypted PDF", password_protected),
    ("zero pages", zero_pages),
    ("5000 pages", thousands_of_pages),
    ("5000 pages declared as one", thousands_of_pages_declared_as_one),
    ("page tree nested 300 deep", deeply_nested_page_tree),
    ("dictionaries nested 100000 deep", deeply_nested_dictionaries),
    ("decompression bomb", decompression_bomb),
]


@dataclass
class CaseResult:
    name: str
    refused_at_upload: str | None = None  # the error message, when the upload itself was refused
    parse_error: str | None = None  # the stored reason, when the parse failed afterwards
    unexpected: str | None = None


def assert_user_error(name: str, reply: GraphQLReply) -> str:
    """The reply is a clear, expected error: HTTP < 500, BAD_USER_INPUT, a message with words in it."""
    assert reply.status < 500, f"{name}: HTTP {reply.status}"
    assert reply.errors, f"{name}: accepted, expected an error: {reply.data}"
    assert reply.codes == ["BAD_USER_INPUT"], f"{name}: {reply.errors}"
    message = reply.errors[0]["message"]
    assert len(message.split()) >= 3 and "Traceback" not in message, f"{name}: unclear message {message!r}"
    return message


@pytest.fixture
async def hostile_mesh(mesh_factory) -> AsyncIterator:
    mesh = mesh_factory({"ALLOW_LOOPBACK_FETCH": "true"})
    mesh.start()
    await asyncio.to_thread(mesh.wait_healthy, 90)
    yield mesh


async def test_hostile_cv_uploads_each_get_a_clear_error_and_the_services_stay_up(hostile_mesh) -> None:
    gateway = f"http://127.0.0.1:{hostile_mesh.ports['gateway']}"
    async with GatewayClient(gateway, timeout_s=120) as client:
        await client.register()
        results: list[CaseResult] = []
        for name, build in HOSTILE_CVS:
            results.append(await _upload_and_wait(client, name, build()))
        for result in results:
            print(f"{result.name}: refused={result.refused_at_upload!r} parse_error={result.parse_error!r}")
        problems = [r for r in results if r.unexpected]
        assert not problems, "\n".join(f"{r.name}: {r.unexpected}" for r in problems)
        assert client.tally.http_5xx == 0 and not client.tally.server_faults, client.tally.server_faults

        # The parser and the services survived all of it: a normal CV parses.
        good = await _upload_and_wait(client, "a normal CV", one_column_cv(), expect_parsed=True)
        assert good.unexpected is None, good.unexpected
    for name in PROCESSES:
        assert await asyncio.to_thread(hostile_mesh.is_healthy, name), f"{name} is not healthy"


async def _upload_and_wait(client: GatewayClient, name: str, content: bytes, *,
                           expect_parsed: bool = False) -> CaseResult:
    result = CaseResult(name)
    reply = await client.upload(UPLOAD, {}, "file", "cv.pdf", content, operation=f"uploadCV {name}")
    if reply.errors:
        try:
            result.refused_at_upload = assert_user_error(name, reply)
        except AssertionError as exc:
            result.unexpected = str(exc)
        return result
    cv_id = reply.data["uploadCV"]["id"] if reply.data else None
    final: dict = {}

    async def parse_settled() -> bool:
        nonlocal final
        status = await client.graphql(CV_STATUS, operation="cvStatus")
        final = (status.data or {}).get("cvStatus") or {}
        return final.get("id") == cv_id and final.get("parseStatus") in ("DONE", "FAILED")

    if not await settle(parse_settled, 90):
        result.unexpected = f"accepted, but the parse never settled: {final}"
    elif expect_parsed:
        if final["parseStatus"] != "DONE":
            result.unexpected = f"a normal CV did not parse: {final}"
    elif final["parseStatus"] != "FAILED":
        result.unexpected = f"accepted and parsed as if it were a CV: {final}"
    elif not final.get("parseError") or len(final["parseError"].split()) < 3:
        result.unexpected = f"failed without a readable reason: {final}"
    else:
        result.parse_error = final["parseError"]
    return result


# --- URLs -----------------------------------------------------------------------------------------------
SSRF_URLS = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/admin",
    "http://100.64.0.1/",
    "http://[::ffff:169.254.169.254]/",
    "http://2852039166/",  # 169.254.169.254 as one decimal number
    "http://0xa9fea9fe/",  # ... and in hex
    "http://user:password@10.0.0.1/",
    "http://0.0.0.0/",
    "file:///etc/passwd",
    "gopher://10.0.0.1:6379/_FLUSHALL",
    "ftp://10.0.0.1/jobs.html",
    "javascript:alert(1)",
    "http://[fe80::1]/",
    "not a url at all",
]


@contextlib.asynccontextmanager
async def loopback_http(handler) -> AsyncIterator[str]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(server.wait_closed(), 2)


async def redirect_to_metadata(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data/\r\n"
                 b"Content-Length: 0\r\nConnection: close\r\n\r\n")
    await writer.drain()
    writer.close()


async def slow_loris(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A page of no announced length (read until the server closes), one byte every half second,
    forever: no read ever times out, only an overall deadline ends it."""
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html>")
    with contextlib.suppress(ConnectionError, asyncio.CancelledError):
        while True:
            await asyncio.sleep(0.5)
            writer.write(b" ")
            await writer.drain()
    writer.close()


ADD_BY_URL = "mutation($url: String!) { addJobByUrl(url: $url) { id } }"


async def test_hostile_urls_each_get_a_clear_error_and_discovery_stays_up(hostile_mesh) -> None:
    gateway = f"http://127.0.0.1:{hostile_mesh.ports['gateway']}"
    async with GatewayClient(gateway, timeout_s=120) as client, \
            loopback_http(redirect_to_metadata) as redirector, loopback_http(slow_loris) as trickler:
        await client.register()
        cases = [(url, url) for url in SSRF_URLS]
        cases += [("loopback page redirecting to 169.254.169.254", f"{redirector}/job/42"),
                  ("slow-loris server", f"{trickler}/job/7")]
        messages: dict[str, str] = {}
        failures: list[str] = []
        for name, url in cases:
            reply = await client.graphql(ADD_BY_URL, {"url": url}, operation=f"addJobByUrl {name}")
            try:
                messages[name] = assert_user_error(name, reply)
            except AssertionError as exc:
                failures.append(str(exc))
        for name, message in messages.items():
            print(f"{name}: {message}")
        assert not failures, "\n".join(failures)
        assert client.tally.http_5xx == 0

        # Discovery is still up and serving this user.
        reply = await client.graphql(
            "mutation { addJobManually(input: {company: \"Acme\", title: \"Engineer\"}) { id } }")
        assert not reply.errors, reply.errors
    assert await asyncio.to_thread(hostile_mesh.is_healthy, "discovery_service")
