"""PDF builders for the CV parser tests (no test functions here): small PDFs written byte by byte."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence

PASSWORD_PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def text_content(lines: Sequence[tuple[float, float, str] | tuple[float, float, str, int]], size: int = 11) -> bytes:
    """A content stream showing each (x, y, text) in Helvetica, at `size` or at the line's own (x, y, text, size)."""
    parts = [b"BT"]
    for x, y, text, *own_size in lines:
        parts.append(b"/F1 %d Tf 1 0 0 1 %.1f %.1f Tm %s Tj" % (own_size[0] if own_size else size, x, y, pdf_string(text)))
    parts.append(b"ET")
    return b"\n".join(parts)


def stream_object(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def assemble(objects: list[bytes], trailer_extra: bytes = b"", root: int = 1) -> bytes:
    """Objects are numbered from 1 in list order; writes a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref_at,
    )
    return bytes(out)


def single_page_pdf(
    content: bytes, resources: bytes = b"/Font << /F1 4 0 R >>", extra_objects: list[bytes] = ()
) -> bytes:
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << %s >> /Contents 5 0 R >>"
            % resources,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            stream_object(content),
            *extra_objects,
        ]
    )


def text_pdf(lines: Sequence[tuple[float, float, str] | tuple[float, float, str, int]], size: int = 11) -> bytes:
    return single_page_pdf(text_content(lines, size))


ONE_COLUMN_LINES = [
    (72, 740, "Jane Example"),
    (72, 722, "Backend Developer"),
    (72, 704, "jane.example@example.org  |  +44 20 7946 0958  |  github.com/jane-example"),
    (72, 670, "Experience"),
    (72, 652, "Software Engineer"),
    (72, 636, "Acme Widgets Ltd"),
    (400, 652, "Mar 2019 - Present"),
    (72, 618, "Built order services in Python and PostgreSQL."),
    (72, 584, "Education"),
    (72, 566, "University of Leeds"),
    (72, 550, "BSc in Computer Science"),
    (400, 566, "2014 - 2017"),
    (72, 516, "Skills"),
    (72, 498, "Python, Docker, Kubernetes, PostgreSQL"),
]


def one_column_cv() -> bytes:
    return text_pdf(ONE_COLUMN_LINES)


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes, owner_password: bytes) -> bytes:
    """A one-page PDF encrypted with the standard security handler, revision 2 (40-bit RC4)."""
    file_id = hashlib.md5(b"jobmate-test").digest()
    permissions = -4
    owner_key = hashlib.md5((owner_password + PASSWORD_PADDING)[:32]).digest()[:5]
    owner_entry = rc4(owner_key, (user_password + PASSWORD_PADDING)[:32])
    file_key = hashlib.md5(
        (user_password + PASSWORD_PADDING)[:32]
        + owner_entry
        + permissions.to_bytes(4, "little", signed=True)
        + file_id
    ).digest()[:5]
    user_entry = rc4(file_key, PASSWORD_PADDING)
    content = text_content([(72, 700, "Secret Candidate"), (72, 680, "secret@example.org")])
    object_key = hashlib.md5(file_key + (5).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    encrypted_content = rc4(object_key, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream_object(encrypted_content),
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (owner_entry.hex().encode(), user_entry.hex().encode(), permissions),
    ]
    return assemble(
        objects,
        trailer_extra=b"/Encrypt 6 0 R /ID [<%s> <%s>]" % (file_id.hex().encode(), file_id.hex().encode()),
    )


def deflate_bomb(uncompressed_bytes: int) -> bytes:
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [compressor.compress(chunk) for _ in range(uncompressed_bytes // len(chunk))]
    parts.append(compressor.flush())
    return b"".join(parts)
