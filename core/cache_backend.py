"""A Redis cache that degrades to "no cache" while Redis is unreachable, instead of failing pages.

Django's RedisCache raises on connection errors, so a stopped Redis would turn every
page into a 500. Here each call that cannot reach Redis is logged and answers as an
empty cache would: reads miss, writes are dropped, counters restart from the delta
(so the per-IP limits let posts through rather than refusing everyone). Pages are
then built from the database; the health check still reports the cache as down.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _degrades_to(fallback):
    """Wrap a cache method: on a connection error, log it and return fallback(*args, **kwargs)."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                logger.warning("cache unreachable, %s skipped: %s", method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _missing(key, default=None, version=None):
    return default


def _incremented_from_nothing(key, delta=1, version=None):
    return delta


class ResilientRedisCache(RedisCache):
    """RedisCache whose calls answer like an empty cache while Redis is down."""

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
