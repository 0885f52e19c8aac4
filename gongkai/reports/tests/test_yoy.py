"""The year-on-year wording of the 年报解读 (reports/yoy.py)."""

from decimal import Decimal

import pytest

from gongkai.reports.yoy import NO_DATA, difference, yoy


@pytest.mark.parametrize("current, previous, expected", [
    (1693, 1501, "同比增长12.8%"),  # seed 002: 主动公开信息1693条 … 同比增长12.8%
    (90, 100, "同比下降10.0%"),
    (100, 100, "与上年持平"),
    (0, 0, "与上年持平"),
    (5, 0, "上年为0"),
    (0, 5, "同比下降100.0%"),
    (3, None, NO_DATA),
    (None, 3, NO_DATA),
    (10001, 10000, "同比增长0.1%以内"),
    (9999, 10000, "同比下降0.1%以内"),
    (1, 3, "同比下降66.7%"),  # half up: 66.666…
    (Decimal("1.5"), Decimal("1.2"), "同比增长25.0%"),
    ("12", "8", "同比增长50.0%"),
])
def test_wording(current, previous, expected):
    assert yoy(current, previous) == expected


def test_half_up_rounding_at_the_boundary():
    assert yoy(10005, 10000) == "同比增长0.1%"  # 0.05 rounds up, not to even
    assert yoy(1125, 1000) == "同比增长12.5%"


def test_difference():
    assert difference(12, 10, "件") == "比上年增加2件"
    assert difference(Decimal("1.50"), Decimal("2"), "万元") == "比上年减少0.5万元"
    assert difference(4, 4) == "与上年持平"
    assert difference(4, None) == NO_DATA
