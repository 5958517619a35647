"""The HTTP client at unit level (httpx mock transport): identity, retries, limits and
one-line failures."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from newsreader import __version__
from newsreader.fetch.http import Fetcher, FetchError

URL = "https://news.example/story"


def fetcher(handler, **options) -> Fetcher:
    return Fetcher(transport=httpx.MockTransport(handler), backoff=0, **options)


def page(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, html="<html><body><p>Hello</p></body></html>")


def failure(handler, url: str = URL, **options) -> str:
    with fetcher(handler, **options) as client, pytest.raises(FetchError) as caught:
        client.get(url)
    message = str(caught.value)
    assert message.startswith(f"{url}: ") and "\n" not in message
    return caught.value.reason


def test_user_agent_names_newsreader_and_its_version() -> None:
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["User-Agent"])
        return page(request)

    with fetcher(handler) as client:
        client.get(URL)
    assert seen[0].startswith(f"newsreader/{__version__}")


def test_server_errors_are_retried_then_reported() -> None:
    calls = []

    def flaky(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(503) if len(calls) < 3 else page(request)

    with fetcher(flaky, retries=2) as client:
        assert client.get(URL).content.startswith(b"<html>")
    assert len(calls) == 3
    calls.clear()
    assert (
        failure(lambda request: (calls.append(1), httpx.Response(500))[1], retries=2)
        == "HTTP 500 Internal Server Error"
    )
    assert len(calls) == 3


def test_not_found_is_not_retried() -> None:
    calls = []
    assert failure(lambda request: (calls.append(1), httpx.Response(404))[1]) == "HTTP 404 Not Found"
    assert len(calls) == 1


def test_dns_failure_and_refused_connection_are_named() -> None:
    def no_such_host(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    assert failure(no_such_host) == "host not found (DNS)"
    assert failure(refused) == "connection refused"


def test_timeout_is_named() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    assert failure(slow, timeout=3) == "timed out after 3 s"


def test_a_response_over_the_size_cap_is_refused_declared_or_not() -> None:
    def declared(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Length": "5000"}, content=b"x" * 5000)

    def streamed(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter([b"x" * 600, b"x" * 600]))

    assert failure(declared, max_bytes=1000) == "5 KB, larger than the 1 KB limit for one page"
    assert failure(streamed, max_bytes=1000).startswith("more than")


def test_redirects_are_followed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "https://news.example/new"})
        return page(request)

    with fetcher(handler) as client:
        assert client.get("https://news.example/old").url == "https://news.example/new"


def test_not_a_web_address() -> None:
    assert "not a web address" in failure(page, url="ftp://news.example/x")


def test_at_most_a_few_requests_at_once_per_host() -> None:
    lock = threading.Lock()
    running: dict[str, int] = {}
    peak: dict[str, int] = {}
    release = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        with lock:
            running[host] = running.get(host, 0) + 1
            peak[host] = max(peak.get(host, 0), running[host])
        release.wait(5)
        with lock:
            running[host] -= 1
        return page(request)

    with fetcher(handler, per_host=2) as client:
        urls = [f"https://a.example/{n}" for n in range(6)] + [f"https://b.example/{n}" for n in range(2)]
        threads = [threading.Thread(target=client.get, args=(url,)) for url in urls]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 5
        while sum(running.values()) < 4 and time.monotonic() < deadline:
            time.sleep(0.01)
        release.set()
        for thread in threads:
            thread.join()
    assert peak == {"a.example": 2, "b.example": 2}
