"""The row lock and version check of an action (optimistic locking of the form, pessimistic of the
row): a page renders the record's ``version`` into its form; the action locks the row
(``select_for_update`` inside a transaction; SQLite runs transactions IMMEDIATE), compares the
version the form was rendered with, and bumps it when the action succeeds — so a stale form, a
double click or two people on one record never apply twice.

    with VersionLock(Document.objects, pk, expected_version=form_version, what="该文件") as doc:
        ...  # doc is locked; ConflictError("该文件已被他人更新，请刷新页面后重试") if stale

Works for any model with an integer ``version`` field. An action with checks that must run between
the lock and the version check (applications.actions._Action: permission first, as the page shows
it) calls the steps itself: ``acquire()``, its checks, ``check()``, and ``release(...)``.
"""

from __future__ import annotations

import sys

from django.db import transaction
from django.db.models import F, Model, QuerySet

from .errors import ConflictError


class VersionLock:
    def __init__(self, queryset: QuerySet | type[Model], pk, *, expected_version=None, what: str = "该记录",
                 error: type[Exception] = ConflictError):
        if isinstance(queryset, type):
            queryset = queryset._default_manager.all()
        elif not isinstance(queryset, QuerySet):  # a manager
            queryset = queryset.all()
        self.queryset, self.pk, self.expected_version = queryset, pk, expected_version
        self.what, self.error = what, error
        self.obj = None

    def acquire(self):
        """Open the transaction and lock the row; returns the fresh instance."""
        self._atomic = transaction.atomic(using=self.queryset.db)
        self._atomic.__enter__()
        try:
            self.obj = self.queryset.select_for_update().get(pk=self.pk)
        except BaseException:
            self._atomic.__exit__(*sys.exc_info())
            raise
        return self.obj

    def check(self) -> None:
        """Raise ``error`` when the form was rendered from another version than the row's."""
        if self.expected_version is not None and int(self.expected_version) != self.obj.version:
            raise self.error(f"{self.what}已被他人更新，请刷新页面后重试")

    def release(self, exc_type=None, exc=None, tb=None, *, bump: bool = True):
        """End the transaction: on success bump the version (unless ``bump`` is False) and commit;
        with an exception roll back. Returns what ``atomic.__exit__`` returns."""
        if exc_type is None and bump:
            try:
                model = type(self.obj)
                model._base_manager.using(self.queryset.db).filter(pk=self.obj.pk).update(version=F("version") + 1)
                self.obj.version += 1
            except BaseException:
                self._atomic.__exit__(*sys.exc_info())
                raise
        return self._atomic.__exit__(exc_type, exc, tb)

    def __enter__(self):
        obj = self.acquire()
        try:
            self.check()
        except BaseException:
            self.release(*sys.exc_info())
            raise
        return obj

    def __exit__(self, exc_type, exc, tb):
        return self.release(exc_type, exc, tb)
