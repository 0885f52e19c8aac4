"""The fetch cache in the database (``FetchedUrl``): the :class:`fetch.Store` the crawler uses
outside tests, so that a rerun, days later, sends conditional requests."""

from __future__ import annotations

import hashlib

from gongkai.law import today as law_today
from gongkai.websites.fetch import CacheEntry
from gongkai.websites.models import FetchedUrl


def _key(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


class DatabaseStore:
    def get(self, url: str) -> CacheEntry | None:
        row = FetchedUrl.objects.filter(url_key=_key(url)).first()
        if row is None:
            return None
        return CacheEntry(url=row.url, etag=row.etag, last_modified=row.last_modified,
                          content_hash=row.content_hash, status=row.status, content_type=row.content_type,
                          body=bytes(row.body) if row.body is not None else None,
                          fetched_at=row.fetched_at.timestamp())

    def put(self, entry: CacheEntry) -> None:
        FetchedUrl.objects.update_or_create(
            url_key=_key(entry.url),
            defaults={"url": entry.url, "etag": entry.etag[:500], "last_modified": entry.last_modified[:100],
                      "content_hash": entry.content_hash, "status": entry.status,
                      "content_type": entry.content_type[:200], "body": entry.body, "fetched_at": law_today.now()},
        )
