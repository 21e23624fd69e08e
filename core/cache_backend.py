"""A Redis cache that degrades to "no cache" while Redis is unreachable, instead of failing pages.

Django's RedisCache raises on connection errors, so a stopped Redis would turn every
page into a 500. Here each call that cannot reach Redis answers as an empty cache
would: reads miss, writes are dropped, counters restart from the delta (so the per-IP
limits let posts through rather than refusing everyone). Pages are then built from the
database; the health check still reports the cache as down.

A hung Redis (process stopped, socket still open) costs a whole socket timeout per call,
and a page makes several calls. So the first failure opens a circuit breaker: for the
next few seconds every call in this process answers as an empty cache without asking
Redis, then one call tries again. The trip and the recovery are logged once each.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
DEFAULT_SKIP_SECONDS = 5.0


class CircuitBreaker:
    """Remembers, for the whole process, that a Redis failed a moment ago.

    Django gives each thread its own cache object, so the breakers live in a module-level
    registry keyed by the servers' addresses and are shared by every thread.
    """

    def __init__(self, name: str, skip_seconds: float):
        self.name = name
        self.skip_seconds = skip_seconds
        self._lock = threading.Lock()
        self._is_tripped = False
        self._skip_until = 0.0

    def is_open(self) -> bool:
        """Whether calls should skip Redis now (a failure less than skip_seconds ago)."""
        return time.monotonic() < self._skip_until

    def record_failure(self, error: Exception) -> None:
        with self._lock:
            was_tripped = self._is_tripped
            self._is_tripped = True
            self._skip_until = time.monotonic() + self.skip_seconds
        if not was_tripped:
            logger.warning(
                "cache %s unreachable (%s): answering as an empty cache, retrying every %s s",
                self.name,
                error,
                self.skip_seconds,
            )

    def record_success(self) -> None:
        if not self._is_tripped:
            return
        with self._lock:
            was_tripped, self._is_tripped = self._is_tripped, False
        if was_tripped:
            logger.warning("cache %s reachable again", self.name)


_breakers: dict[tuple[str, ...], CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(servers: list[str], skip_seconds: float) -> CircuitBreaker:
    """The process's one breaker for these Redis servers."""
    key = tuple(servers)
    with _breakers_lock:
        if key not in _breakers:
            _breakers[key] = CircuitBreaker(",".join(servers), skip_seconds)
        return _breakers[key]


def _degrades_to(fallback):
    """Wrap a cache method: while Redis is unreachable, return fallback(*args, **kwargs)."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.breaker.is_open():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self.breaker.record_failure(error)
                return fallback(*args, **kwargs)
            self.breaker.record_success()
            return result

        return wrapper

    return decorate


def _missing(key, default=None, version=None):
    return default


def _incremented_from_nothing(key, delta=1, version=None):
    return delta


class ResilientRedisCache(RedisCache):
    """RedisCache whose calls answer like an empty cache while Redis is down.

    OPTIONS may hold `skip_seconds`: how long calls skip Redis after a failure (0 asks
    Redis every time); the other options go to redis-py's connection pool as usual.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        skip_seconds = float(options.pop("skip_seconds", DEFAULT_SKIP_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = breaker_for(self._servers, skip_seconds)

    add = _degrades_to(lambda *args, **kwargs: False)(RedisCache.add)
    get = _degrades_to(_missing)(RedisCache.get)
    set = _degrades_to(lambda *args, **kwargs: None)(RedisCache.set)
    touch = _degrades_to(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _degrades_to(lambda *args, **kwargs: False)(RedisCache.delete)
    get_many = _degrades_to(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _degrades_to(lambda *args, **kwargs: False)(RedisCache.has_key)
    incr = _degrades_to(_incremented_from_nothing)(RedisCache.incr)
    set_many = _degrades_to(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = _degrades_to(lambda *args, **kwargs: None)(RedisCache.delete_many)
    clear = _degrades_to(lambda *args, **kwargs: False)(RedisCache.clear)
