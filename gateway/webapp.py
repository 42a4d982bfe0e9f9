"""The web app's files (web/dist, built by Vite) at `/`, in dev and in production.

- A path naming a built file gets it; any other path without a file extension is a client route and
  gets `index.html` (the app's router takes it from there), so a reload on /board or a shared link to
  /applications/<id> works. Missing assets are a plain 404, not the app.
- Vite puts a content hash in every name under `assets/`, so those are cached for a year and marked
  immutable; `index.html` and the other top-level files are revalidated on every load (`no-cache`), so a
  new build is picked up at once.
- Every answer carries a strict Content-Security-Policy: scripts, styles and connections only from this
  origin, no inline script or style element, no plugins, no framing. The built app needs nothing more
  (`vite.config.ts` turns off the one inline script Vite could add).
- Text files are gzipped on the way out when the browser accepts it (never `/events`: only this app is
  wrapped).

The directory is `GATEWAY_WEB_DIST_DIR` (default `web/dist` in the repository, `/app/web/dist` in the
image). Without a build, `/` answers 503 with how to build it; the API works either way.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HASHED_DIR = "assets"

mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/manifest+json", ".webmanifest")


class WebApp:
    """ASGI app serving one built single-page app directory."""

    def __init__(self, dist_dir: Path) -> None:
        self.dist_dir = dist_dir.resolve()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        request = Request(scope)
        response = self.response_for(request)
        response.headers.update(SECURITY_HEADERS)
        await response(scope, receive, send)

    def response_for(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return PlainTextResponse("method not allowed", status_code=405, headers={"Allow": "GET, HEAD"})
        index = self.dist_dir / "index.html"
        if not index.is_file():
            return PlainTextResponse("the web app is not built: run `make web` (or `make dev`, which builds it)",
                                     status_code=503, headers={"Cache-Control": "no-store"})
        relative = PurePosixPath(request.url.path.lstrip("/"))
        if ".." in relative.parts or "\x00" in request.url.path:
            return PlainTextResponse("not found", status_code=404)
        target = (self.dist_dir / relative).resolve() if relative.parts else index
        if target.is_file() and target.is_relative_to(self.dist_dir):
            hashed = relative.parts[:1] == (HASHED_DIR,)
            return FileResponse(target, headers={"Cache-Control": IMMUTABLE if hashed else REVALIDATE})
        if relative.parts[:1] == (HASHED_DIR,) or relative.suffix:
            return PlainTextResponse("not found", status_code=404, headers={"Cache-Control": "no-store"})
        return FileResponse(index, media_type="text/html", headers={"Cache-Control": REVALIDATE})


def web_app(dist_dir: Path) -> ASGIApp:
    return GZipMiddleware(WebApp(dist_dir), minimum_size=1024)
