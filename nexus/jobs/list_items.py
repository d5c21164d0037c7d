"""Job list items (JobListSerializer's representation of a listed job), kept per job in the shared cache.

Searches show the same jobs again and again (the newest matches of common words), and rendering a page
of them through the ORM and DRF was most of a computed search's Python time. An item is kept in the
`jobs` namespace of the response cache: it is used only under the namespace version it was rendered
under (any job, company or taxonomy write changes it, as for the cached lists), and only until its job
changes by itself (a deadline passing, featuring ending) or JOB_LIST_CACHE_SECONDS pass. The item holds
absolute URLs (the company logo), so its key names the scheme and host it was rendered for. It is kept as JSON
(orjson): a page of items reads back several times faster than pickled dicts.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from drf_orjson_renderer.renderers import ORJSONRenderer

from nexus.core.response_cache import version_key

from .cache import NAMESPACE, seconds_true
from .selectors import job_list_public
from .serializers import JobListSerializer


@dataclass(frozen=True)
class KeptItem:
    version: int | None  # the namespace version it was rendered under (None: there was none, it is not kept)
    true_until: datetime
    data: dict[str, Any]

    def to_bytes(self) -> bytes:
        return orjson.dumps([self.version, self.true_until.timestamp(), self.data], default=ORJSONRenderer.default)

    @classmethod
    def from_bytes(cls, raw: Any) -> "KeptItem | None":
        """The item kept as `raw` (None: not an item)."""
        if not isinstance(raw, bytes):
            return None
        version, true_until, data = orjson.loads(raw)
        return cls(version, datetime.fromtimestamp(true_until, tz=UTC), data)


def job_list_items(request: HttpRequest, ids: list[int]) -> tuple[list[dict[str, Any]], int]:
    """The list items of the listed jobs `ids`, in that order, and the seconds they all stay true: kept ones
    from the cache (one round trip, with the namespace version), the others read in one query, rendered and
    kept. A job no longer listed when read is left out."""
    origin = f"{request.scheme}://{request.get_host()}"
    keys = {pk: f"job-item:{origin}:{pk}" for pk in ids}
    found = cache.get_many([version_key(NAMESPACE), *keys.values()])
    raw_version, now = found.get(version_key(NAMESPACE)), timezone.now()
    version = None if raw_version is None else int(raw_version)
    items: dict[int, KeptItem] = {}
    for pk, key in keys.items():
        kept = KeptItem.from_bytes(found.get(key))
        if kept is not None and version is not None and kept.version == version and kept.true_until > now:
            items[pk] = kept
    missing = [pk for pk in ids if pk not in items]
    if missing:
        jobs = list(job_list_public().filter(pk__in=missing).order_by())
        rendered = JobListSerializer(jobs, many=True, context={"request": request}).data
        fresh = {
            job.pk: KeptItem(version, now + timedelta(seconds=seconds_true([job], now=now)), data)
            for job, data in zip(jobs, rendered, strict=True)
        }
        if version is not None:  # no version yet: nothing is kept under one (namespace_bump)
            cache.set_many(
                {keys[pk]: item.to_bytes() for pk, item in fresh.items()}, timeout=settings.JOB_LIST_CACHE_SECONDS
            )
        items.update(fresh)
    shown = [items[pk] for pk in ids if pk in items]
    seconds = min([(item.true_until - now).total_seconds() for item in shown], default=settings.JOB_LIST_CACHE_SECONDS)
    return [item.data for item in shown], int(seconds)
