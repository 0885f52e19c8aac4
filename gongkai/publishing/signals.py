from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from gongkai.agencies.models import Agency

from .models import CatalogueNode, Document


@receiver(post_save, sender=Agency)
def seed_new_agency(sender, instance, created, raw=False, **kwargs):
    """Every new organ gets the statutory column tree (domain.md 7.1)."""
    if created and not raw:
        from .catalogue import seed_catalogue

        seed_catalogue(instance)


@receiver(m2m_changed, sender=Document.columns.through)
def columns_of_the_publishing_organ(sender, instance, action, reverse, pk_set, **kwargs):
    """A document is filed only in its own organ's catalogue (domain.md 6.3: an organ's 法定主动公开内容
    lists its own information; the editor offers only those columns). The public column pages rely
    on it: they list a column's documents from the organ's documents (public_catalogue)."""
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # node.documents.add(...)
        stray = Document.objects.filter(pk__in=pk_set).exclude(agency_id=instance.agency_id).exists()
    else:  # document.columns.add(...)
        stray = CatalogueNode.objects.filter(pk__in=pk_set).exclude(agency_id=instance.agency_id).exists()
    if stray:
        raise ValidationError("文件只能归入其发布机关自己的栏目")
