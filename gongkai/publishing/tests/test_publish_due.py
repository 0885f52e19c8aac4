"""Art. 26: the 20-working-day publication deadline is provisional when it reaches an unconfirmed year."""

import datetime as dt

from gongkai.publishing import services
from gongkai.publishing.models import Document

D = dt.date.fromisoformat


def test_publish_due_is_marked_provisional_across_the_year_boundary(tree):
    december = Document.objects.create(agency=tree["a"], title="十二月形成的文件", status="draft",
                                       formed_on=D("2026-12-10"))
    november = Document.objects.create(agency=tree["a"], title="十一月形成的文件", status="draft",
                                       formed_on=D("2026-11-02"))
    assert services.publish_due(december) == D("2027-01-08") and services.publish_due_provisional(december)
    assert services.publish_due(november) == D("2026-11-30") and not services.publish_due_provisional(november)
