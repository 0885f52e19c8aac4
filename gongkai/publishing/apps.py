from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    verbose_name = "主动公开"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401

        post_migrate.connect(seed_subjects, sender=self)


def seed_subjects(sender, using="default", **kwargs) -> None:
    """The 主题分类 taxonomy (gongkai.law.subjects), put back when a flush emptied the table: Django emits
    post_migrate after ``flush`` too (a restore, a transactional test), and migration 0002 does not run
    again then. Idempotent: nothing happens while the first subject is there."""
    from gongkai.law.subjects import TAXONOMY

    from .models import Subject

    if Subject.objects.using(using).exists():
        return
    Subject.objects.using(using).bulk_create([
        Subject(path=path, l1=l1, l2=l2, position=position)
        for n, (l1, subs) in enumerate(TAXONOMY, 1)
        for path, l2, position in [(l1, "", n * 100)] + [(f"{l1}\\{l2}", l2, n * 100 + i) for i, l2 in enumerate(subs, 1)]
    ], ignore_conflicts=True)
