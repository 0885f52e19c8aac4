"""Fixtures of the letters tests: the organ whose letters test_letters.py's cases describe, and the
officer who issues them."""

import pytest

from gongkai.agencies.models import Agency

from .test_letters import COURT, ORGAN


@pytest.fixture
def agency(db):
    return Agency.objects.create(
        code="shi-fgw", name="示例市发展和改革委员会", kind=Agency.DEPARTMENT, letter_prefix="示政依复",
        reconsideration_organ=ORGAN, court=COURT, office_name="示例市发展和改革委员会办公室",
        office_phone="0100-12345678", office_address="示例市人民路1号",
    )


@pytest.fixture
def officer(db, django_user_model):
    return django_user_model.objects.create_user(username="li", password="pw-123456", first_name="李明")
