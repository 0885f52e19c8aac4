"""Taking a document through the review chain in tests: the author submits, another person reviews
(law/workflows.PUBLICATION: the submitter may not approve their own draft)."""

from django.contrib.auth import get_user_model

from gongkai.publishing import services


def checker():
    """A platform administrator who did not write the document (created once per test database)."""
    user, _ = get_user_model().objects.get_or_create(username="pub_checker", defaults={"is_superuser": True,
                                                                                         "is_staff": True})
    return user


def review(doc, author, reviewer=None):
    reviewer = reviewer or checker()
    services.submit(doc, author)
    services.section_approve(doc, reviewer)
    return services.secrecy_approve(doc, reviewer)


def publish(doc, author, reviewer=None, **kw):
    review(doc, author, reviewer)
    return services.publish(doc, author, **kw)
