"""A web server on 127.0.0.1 for the fetching tests: fixture pages and feeds, and the
ways real servers fail. Tests never reach the internet."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str = ""
    delay: float = 0.0
    location: str = ""


@dataclass
class Site:
    """What the server serves (``routes`` by path) and what it was asked (``requests``)."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def page(self, path: str, fixture: str, **options) -> str:
        self.routes[path] = Route(body=(FIXTURES / fixture).read_bytes(), **options)
        return self.base + path

    def feed(self, path: str, fixture: str, content_type: str = "application/rss+xml", etag: str = "") -> str:
        text = (FIXTURES / fixture).read_text(encoding="utf-8").replace("{base}", self.base)
        self.routes[path] = Route(body=text.encode("utf-8"), content_type=content_type, etag=etag)
        return self.base + path

    def asked(self, path: str) -> int:
        return sum(1 for asked, _ in self.requests if asked == path)


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:
        self.site.requests.append((self.path, dict(self.headers.items())))
        route = self.site.routes.get(self.path)
        if route is None:
            self._send(404, b"<html><body>Not found</body></html>", "text/html")
            return
        if route.delay:
            time.sleep(route.delay)
        if route.location:
            self.send_response(route.status)
            self.send_header("Location", route.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            self.send_response(304)
            self.send_header("ETag", route.etag)
            self.end_headers()
            return
        self._send(route.status, route.body, route.content_type, route.etag)

    def _send(self, status: int, body: bytes, content_type: str, etag: str = "") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout or size test)

    def log_message(self, *args: object) -> None:
        pass


def serve() -> tuple[ThreadingHTTPServer, Site]:
    site = Site()
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, site
