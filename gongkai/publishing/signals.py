from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.agencies.models import Agency


@receiver(post_save, sender=Agency)
def seed_new_agency(sender, instance, created, raw=False, **kwargs):
    """Every new organ gets the statutory column tree (domain.md 7.1)."""
    if created and not raw:
        from .catalogue import seed_catalogue

        seed_catalogue(instance)
