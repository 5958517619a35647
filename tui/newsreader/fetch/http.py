"""HTTP for newsreader, with httpx: polite, bounded and failing in one line.

Every request names newsreader and its version in ``User-Agent``, follows redirects,
gives up after a timeout, retries a few times with backoff when the network or the
server stumbles (connection errors, timeouts, 429 and 5xx), never runs more than a few
requests at once against one host, and stops reading a response at a size cap. Each
failure is a :class:`FetchError` whose message is one line naming the URL.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsreader import __version__
from newsreader.corpus.files import MAX_BYTES

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"newsreader/{__version__} (terminal news reader; python-httpx)"
TIMEOUT_S = 15.0
RETRIES = 2
"""Attempts after the first, for failures worth another try."""
BACKOFF_S = 0.5
"""The first retry waits this long, each further one twice as long as the last."""
PER_HOST = 2
MAX_RESPONSE_BYTES = MAX_BYTES
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
)


class FetchError(Exception):
    """A URL that could not be fetched; ``str()`` is one line: the URL and why."""

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class Response:
    url: str
    """Where the content came from, after redirects."""
    status: int
    content: bytes
    content_type: str = ""
    charset: str | None = None
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_web_address(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class Fetcher:
    """One HTTP client shared by the threads of an import; close it (or use ``with``)."""

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = TIMEOUT_S,
        retries: int = RETRIES,
        backoff: float = BACKOFF_S,
        per_host: int = PER_HOST,
        max_bytes: int = MAX_RESPONSE_BYTES,
    ):
        import httpx

        self._httpx = httpx
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=10,
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        )
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self._per_host = per_host
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str = "", last_modified: str = "") -> Response:
        """GET ``url`` (conditionally, given what the last answer said); raise :class:`FetchError`."""
        if not is_web_address(url):
            raise FetchError(url, "not a web address (http:// or https://)")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        delay = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                with self._host_slot(url):
                    return self._get_once(url, headers)
            except _Retry as retry:
                if last:
                    raise FetchError(url, retry.reason) from None
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = threading.BoundedSemaphore(self._per_host)
            return self._hosts[host]

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        httpx = self._httpx
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in _RETRY_STATUS:
                    raise _Retry(_status_text(response))
                if status >= 400:
                    raise FetchError(url, _status_text(response))
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(url, self._too_large(int(declared)))
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(url, self._too_large(size, more=True))
                    chunks.append(chunk)
                content_type = response.headers.get("Content-Type", "")
                return Response(
                    url=str(response.url),
                    status=status,
                    content=b"".join(chunks),
                    content_type=content_type.split(";")[0].strip().lower(),
                    charset=response.charset_encoding,
                    etag=response.headers.get("ETag", ""),
                    last_modified=response.headers.get("Last-Modified", ""),
                )
        except httpx.TimeoutException as error:
            raise _Retry(f"timed out after {self.timeout:g} s") from error
        except httpx.ConnectError as error:
            raise _Retry(_connect_reason(error)) from error
        except (httpx.RemoteProtocolError, httpx.ReadError) as error:
            raise _Retry(f"the connection broke ({error or type(error).__name__})") from error
        except httpx.TooManyRedirects:
            raise FetchError(url, "too many redirects") from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
            raise FetchError(url, f"not a web address newsreader can fetch ({error})") from None
        except httpx.HTTPError as error:
            raise FetchError(url, f"cannot fetch ({error or type(error).__name__})") from None

    def _too_large(self, size: int, more: bool = False) -> str:
        return (
            f"{'more than ' if more else ''}{_size(size)}, larger than the "
            f"{_size(self.max_bytes)} limit for one page"
        )


class _Retry(Exception):
    """A failure worth another attempt; ``reason`` is the line to show if none is left."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    return f"{max(1, round(count / 1024))} KB"


def _status_text(response: httpx.Response) -> str:
    phrase = response.reason_phrase or ""
    return f"HTTP {response.status_code}{' ' + phrase if phrase else ''}"


def _connect_reason(error: Exception) -> str:
    text = str(error)
    lowered = text.lower()
    if (
        "name or service not known" in lowered
        or "nodename nor servname" in lowered
        or "getaddrinfo" in lowered
        or "name resolution" in lowered
        or "no address" in lowered
    ):
        return "host not found (DNS)"
    if "refused" in lowered:
        return "connection refused"
    return f"cannot connect ({text or type(error).__name__})"
