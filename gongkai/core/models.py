"""``AppendOnlyModel``: the base of every record of history (the case timeline, the publication and
report events, the access logs, the calendar log). A row is inserted once and never changed or
deleted; a correction is a new row. Guarded twice: here (``save``, ``delete``, and the default
manager's ``update``/``delete``, all raising ``AppendOnlyError``) and in the database (triggers of
core's migrations, dbguard.py), which also stops what skips the model: cascades, the base manager,
raw SQL. Only the maintenance switch (maintenance.py) lets either through."""

from __future__ import annotations

from django.db import models, router

from .errors import AppendOnlyError
from .maintenance import is_on


def _refusal(model, verb: str) -> AppendOnlyError:
    return AppendOnlyError(f"{model._meta.verbose_name}只能追加，不能{verb}")


class AppendOnlyQuerySet(models.QuerySet):
    def _guard(self, verb: str) -> None:
        if not is_on(self._db or router.db_for_write(self.model, **self._hints)):
            raise _refusal(self.model, verb)

    def update(self, **kwargs):
        self._guard("修改")
        return super().update(**kwargs)

    def delete(self):
        self._guard("删除")
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True
    update.alters_data = True


class AppendOnlyModel(models.Model):
    """Abstract, no fields: a subclass's table and migrations do not change by inheriting it."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A row read from the database (not a new one, nor a copy with pk None) is never written again.
        if self.pk is not None and not self._state.adding and not is_on(self._using(kwargs.get("using"))):
            raise _refusal(type(self), "修改")
        super().save(*args, **kwargs)

    def delete(self, using=None, keep_parents=False):
        if not is_on(self._using(using)):
            raise _refusal(type(self), "删除")
        return super().delete(using=using, keep_parents=keep_parents)

    def _using(self, using) -> str:
        return using or self._state.db or router.db_for_write(type(self), instance=self)
