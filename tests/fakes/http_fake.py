"""A local HTTP server that records every request and can be told to fail on purpose.

The fake Slack and Discord servers build on it: each answers canned JSON per endpoint, and a
test can queue failures (429 with Retry-After, 500) for the next requests that match a path.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

Handler = Callable[["Call"], Awaitable[web.StreamResponse]]
RawHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Call:
    """One request the fake received, decoded whatever its body type."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: dict[str, Any]
    match: dict[str, str] = field(default_factory=dict)
    failed: bool = False  # answered with a programmed failure
    request: web.Request | None = field(default=None, repr=False, compare=False)


@dataclass
class Failure:
    """A programmed failure for requests whose path contains ``path_part``."""

    path_part: str
    status: int
    times: int
    retry_after: float | None = None
    body: Any = None


def _decode_body(raw: bytes, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        decoded = json.loads(raw)
        return decoded if isinstance(decoded, dict) else {"_": decoded}
    if "form" in content_type:
        return dict(parse_qsl(raw.decode(), keep_blank_values=True))
    if "multipart" in content_type:
        return {"_multipart": raw.decode(errors="replace")}
    return {"_raw": raw.decode(errors="replace")}


class FakeHTTPServer:
    """A recording aiohttp server on 127.0.0.1 with a free port; use as an async context."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: list[Failure] = []
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.port_wanted = 0  # 0: any free port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def routes(self) -> list[tuple[str, str, Handler]]:
        """(HTTP method, path pattern, handler) triples; subclasses add their endpoints."""
        return []

    def raw_routes(self) -> list[tuple[str, str, RawHandler]]:
        """Routes served as they are, unrecorded (websockets)."""
        return []

    def fail(
        self,
        path_part: str,
        *,
        status: int = 429,
        times: int = 1,
        retry_after: float | None = None,
        body: Any = None,
    ) -> None:
        """Answer the next ``times`` requests whose path contains ``path_part`` with ``status``."""
        self.failures.append(Failure(path_part, status, times, retry_after, body))

    def calls_to(self, path_part: str, *, include_failed: bool = False) -> list[Call]:
        """The recorded requests whose path contains ``path_part``."""
        return [c for c in self.calls if path_part in c.path and (include_failed or not c.failed)]

    async def __aenter__(self) -> FakeHTTPServer:
        app = web.Application()
        for method, pattern, handler in self.routes():
            app.router.add_route(method, pattern, self._wrap(handler))
        for method, pattern, raw in self.raw_routes():
            app.router.add_route(method, pattern, raw)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port_wanted)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _wrap(self, handler: Handler) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def serve(request: web.Request) -> web.StreamResponse:
            raw = await request.read()
            call = Call(
                method=request.method,
                path=request.path,
                query=dict(request.query),
                headers=dict(request.headers),
                body=_decode_body(raw, request.content_type),
                match=dict(request.match_info),
                request=request,
            )
            self.calls.append(call)
            failure = self._take_failure(call.path)
            if failure is not None:
                call.failed = True
                return self.failure_response(failure)
            return await handler(call)

        return serve

    def _take_failure(self, path: str) -> Failure | None:
        for failure in self.failures:
            if failure.path_part in path and failure.times > 0:
                failure.times -= 1
                return failure
        return None

    def failure_response(self, failure: Failure) -> web.Response:
        headers = {}
        if failure.retry_after is not None:
            headers["Retry-After"] = f"{failure.retry_after:g}"
        body = failure.body if failure.body is not None else self.failure_body(failure)
        return web.json_response(body, status=failure.status, headers=headers)

    def failure_body(self, failure: Failure) -> Any:
        """The JSON a failure answers with; platforms override to match their error shape."""
        return {"status": failure.status}
