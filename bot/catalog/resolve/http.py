"""The one HTTP path to a metadata service: paced, timed out, retried, and size-bounded.

Every request waits its turn (the service's published rate: one request per ``interval``
seconds, one at a time), gives up after ``timeout`` seconds, and is retried a bounded number
of times on a timeout, a refused connection, a 5xx or a 429. A 429 (or 503) with Retry-After
holds every later request of the run that long; a Retry-After longer than ``max_wait`` is not
waited out: the request fails, and the run stops asking (see ``run.py``). Errors never carry
the URL, whose query string may hold an API key.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import aiohttp
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from bot.catalog.resolve.model import ServiceError, Unavailable, first_error

log = logging.getLogger(__name__)

NOT_FOUND = 404
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Policy:
    """How one service may be asked."""

    interval: float  # seconds between the starts of two requests
    timeout: float = 20.0  # seconds for one whole request
    attempts: int = 4  # tries per request before it fails
    max_wait: float = 120.0  # longest Retry-After waited out
    max_bytes: int = 5_000_000  # largest answer read
    backoff: float = 1.0  # first wait after a 5xx or timeout; doubles per try


class _Retryable(ServiceError):
    """Worth another try: a timeout, a dropped connection, a 5xx, a 429."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class _Pacer:
    """One request at a time, ``interval`` apart, and nobody before a Retry-After is over."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self._clock = clock
        self._next = 0.0
        self._lock = asyncio.Lock()

    def hold(self, seconds: float) -> None:
        """Let nobody start a request for ``seconds`` (a Retry-After)."""
        self._next = max(self._next, self._clock() + seconds)

    async def turn(self) -> None:
        """Wait for this request's turn."""
        async with self._lock:
            delay = self._next - self._clock()
            if delay > 0:
                await asyncio.sleep(delay)
            self._next = self._clock() + self.interval


class ServiceClient:
    """Requests to one service over a shared aiohttp session, within its Policy."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        service: str,
        policy: Policy,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> None:
        self.session = session
        self.service = service
        self.policy = policy
        self.headers = dict(headers or {})
        self.params = dict(params or {})  # sent with every request (a contact, an API key)
        self.requests = 0  # sent, retries included (for progress and tests)
        self._pacer = _Pacer(policy.interval)

    async def get(self, url: str, params: Mapping[str, str]) -> bytes | None:
        """The answer's body, or None on 404; raises ServiceError when it cannot be had."""
        return await self._request("GET", url, params, None)

    async def post_json(self, url: str, params: Mapping[str, str], body: Any) -> bytes | None:
        """POST a JSON body; like ``get`` otherwise."""
        return await self._request("POST", url, params, body)

    async def _request(
        self, method: str, url: str, params: Mapping[str, str], body: Any
    ) -> bytes | None:
        """One request, tried until it answers or ``attempts`` tries have failed."""
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.policy.attempts),
            wait=self._wait,
            retry=retry_if_exception_type(_Retryable),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                await self._pacer.turn()
                return await self._once(method, url, params, body)
        raise AssertionError("unreachable: tenacity reraises the last error")

    async def _once(
        self, method: str, url: str, params: Mapping[str, str], body: Any
    ) -> bytes | None:
        self.requests += 1
        timeout = aiohttp.ClientTimeout(total=self.policy.timeout)
        try:
            async with self.session.request(
                method,
                url,
                params={**self.params, **params},
                json=body,
                headers=self.headers,
                timeout=timeout,
            ) as response:
                self._check_status(response)
                if response.status == NOT_FOUND:
                    return None
                data = await response.content.read(self.policy.max_bytes + 1)
        except TimeoutError:
            raise _Retryable(
                f"{self.service} did not answer within {self.policy.timeout:g} s"
            ) from None
        except aiohttp.ClientError as exc:
            raise _Retryable(
                f"{self.service} could not be reached ({type(exc).__name__})"
            ) from None
        if len(data) > self.policy.max_bytes:
            raise ServiceError(f"{self.service} answered more than {self.policy.max_bytes} bytes")
        return data

    def _check_status(self, response: aiohttp.ClientResponse) -> None:
        """Raise for an answer that is not one (404 is one: the service does not know it)."""
        status = response.status
        if status == 429 or status >= 500:
            retry_after = _retry_after(response.headers.get("Retry-After"))
            if retry_after is not None and retry_after > self.policy.max_wait:
                raise Unavailable(
                    f"{self.service} asked to wait {retry_after:.0f} s (HTTP {status}); "
                    f"longer than {self.policy.max_wait:g} s, so not now"
                )
            if retry_after is not None:
                self._pacer.hold(retry_after)
                log.info(
                    "metadata: %s asked to wait %.1f s (HTTP %d)", self.service, retry_after, status
                )
            raise _Retryable(f"{self.service} answered HTTP {status}", retry_after)
        if status >= 400 and status != NOT_FOUND:
            raise ServiceError(f"{self.service} refused the request (HTTP {status})")

    def _wait(self, state: RetryCallState) -> float:
        """Tenacity wait: nothing more when the pacer already holds for Retry-After, else a
        jittered exponential backoff."""
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, _Retryable) and error.retry_after is not None:
            return 0.0
        base = self.policy.backoff
        backoff = wait_exponential(multiplier=base, max=base * 16) + wait_random(0, base / 2)
        return float(backoff(state))


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()[:64]
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class Wire(BaseModel):
    """The part of a service's JSON answer we read; anything else in it is ignored."""

    model_config = ConfigDict(extra="ignore")


def decode_json(body: bytes, shape: type[T], service: str) -> T:
    """A JSON answer checked against ``shape`` (a pydantic model); ServiceError if it is not."""
    try:
        return TypeAdapter(shape).validate_json(body)
    except ValidationError as exc:
        raise ServiceError(f"{service} answered an unexpected shape ({first_error(exc)})") from None
