"""Tests for gongkai.law.fees (Art. 42; 国办函〔2020〕109号; domain.md 2.8)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.law.fees import (
    PAYMENT_PERIOD_WORKING_DAYS,
    PER_PIECE,
    PER_PIECE_FREE_UNITS,
    PER_VOLUME,
    PER_VOLUME_BANDS,
    PER_VOLUME_FREE_UNITS,
    FeeBand,
    FeeQuote,
    per_piece_fee,
    per_piece_rate,
    per_volume_fee,
    per_volume_rate,
)


def oracle_piece_rate(n: int) -> int:
    """Independent statement of the 按件 table: 1-10 free, 11-30 100, 31-40 200, 41-50 300, +100/10."""
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    band = 0
    upper = 40
    while n > upper:
        band += 1
        upper += 10
    return 200 + 100 * band


def oracle_page_rate(n: int) -> int:
    """Independent statement of the 按量 table: 1-30 free, 31-100 10, 101-200 20, 201+ 40."""
    return 0 if n <= 30 else 10 if n <= 100 else 20 if n <= 200 else 40


# ---------------------------------------------------------------------------
# Worked examples (domain 2.8)
# ---------------------------------------------------------------------------


def test_per_piece_worked_example():
    quote = per_piece_fee(28, 6)
    assert quote.amount == 1000
    assert quote.scale == PER_PIECE == "per_piece"
    assert quote.units == 6
    assert quote.bands == (
        FeeBand(first=29, last=30, rate=100, units=2, amount=200),
        FeeBand(first=31, last=34, rate=200, units=4, amount=800),
    )
    assert quote.explanation() == "第29-30件 2件×100元=200元；第31-34件 4件×200元=800元；合计1000元"


def test_per_volume_worked_example():
    quote = per_volume_fee(250)
    assert quote.amount == 4700 == 70 * 10 + 100 * 20 + 50 * 40
    assert quote.scale == PER_VOLUME == "per_volume"
    assert quote.units == 250
    assert quote.bands == (
        FeeBand(first=1, last=30, rate=0, units=30, amount=0),
        FeeBand(first=31, last=100, rate=10, units=70, amount=700),
        FeeBand(first=101, last=200, rate=20, units=100, amount=2000),
        FeeBand(first=201, last=250, rate=40, units=50, amount=2000),
    )
    assert quote.explanation() == (
        "第1-30页 30页免费；第31-100页 70页×10元=700元；第101-200页 100页×20元=2000元；"
        "第201-250页 50页×40元=2000元；合计4700元"
    )


def test_payment_period():
    # 国办函〔2020〕109号: pay within 20 working days from the day after receiving the notice.
    assert PAYMENT_PERIOD_WORKING_DAYS == 20


def test_free_allowances():
    assert PER_PIECE_FREE_UNITS == 10
    assert PER_VOLUME_FREE_UNITS == 30
    assert PER_VOLUME_BANDS == ((1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40))


# ---------------------------------------------------------------------------
# Band boundaries
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "rate"),
    [
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (60, 400),
        (61, 500),
        (70, 500),
        (71, 600),
        (131, 1200),
        (1000, 9800),  # pieces 991-1000: 200 + 96 × 100
    ],
)
def test_per_piece_marginal_rate(n, rate):
    assert per_piece_rate(n) == rate


@pytest.mark.parametrize(
    ("pieces", "amount"),
    [
        (0, 0),
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 2000),
        (31, 2200),
        (40, 4000),
        (41, 4300),
        (50, 7000),
        (51, 7400),
        (60, 11000),
        (61, 11500),
        (70, 16000),
        (71, 16600),
    ],
)
def test_per_piece_cumulative_amount_at_boundaries(pieces, amount):
    assert per_piece_fee(0, pieces).amount == amount


@pytest.mark.parametrize(
    ("prior", "amount"),
    [
        (9, 0),
        (10, 100),
        (29, 100),
        (30, 200),
        (39, 200),
        (40, 300),
        (49, 300),
        (50, 400),
        (59, 400),
        (60, 500),
    ],
)
def test_per_piece_single_piece_after_prior(prior, amount):
    quote = per_piece_fee(prior, 1)
    assert quote.amount == amount
    assert len(quote.bands) == 1
    assert quote.bands[0].first == quote.bands[0].last == prior + 1


@pytest.mark.parametrize(
    ("n", "rate"),
    [(1, 0), (30, 0), (31, 10), (100, 10), (101, 20), (200, 20), (201, 40), (10_000, 40)],
)
def test_per_volume_marginal_rate(n, rate):
    assert per_volume_rate(n) == rate


@pytest.mark.parametrize(
    ("pages", "amount"),
    [(0, 0), (1, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_volume_amount_at_boundaries(pages, amount):
    assert per_volume_fee(pages).amount == amount


def test_per_piece_bands_split_at_every_boundary():
    quote = per_piece_fee(0, 61)
    assert [(b.first, b.last, b.rate, b.units, b.amount) for b in quote.bands] == [
        (1, 10, 0, 10, 0),
        (11, 30, 100, 20, 2000),
        (31, 40, 200, 10, 2000),
        (41, 50, 300, 10, 3000),
        (51, 60, 400, 10, 4000),
        (61, 61, 500, 1, 500),
    ]


# ---------------------------------------------------------------------------
# Explanation texts
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "text"),
    [
        (per_piece_fee(0, 0), "合计0元"),
        (per_volume_fee(0), "合计0元"),
        (per_piece_fee(0, 5), "第1-5件 5件免费；合计0元"),
        (per_piece_fee(9, 1), "第10件 1件免费；合计0元"),
        (per_piece_fee(10, 1), "第11件 1件×100元=100元；合计100元"),
        (per_piece_fee(5, 10), "第6-10件 5件免费；第11-15件 5件×100元=500元；合计500元"),
        (per_volume_fee(31), "第1-30页 30页免费；第31页 1页×10元=10元；合计10元"),
    ],
)
def test_explanation(quote, text):
    assert quote.explanation() == text


def test_unit_name():
    assert per_piece_fee(0, 1).unit_name == "件"
    assert per_volume_fee(1).unit_name == "页"


# ---------------------------------------------------------------------------
# Invalid input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: per_piece_fee(-1, 1), "本月已申请件数不能为负数"),
        (lambda: per_piece_fee(0, -1), "本次申请件数不能为负数"),
        (lambda: per_volume_fee(-5), "页数不能为负数"),
        (lambda: per_piece_rate(0), "件序号应从1开始"),
        (lambda: per_volume_rate(0), "页序号应从1开始"),
        (lambda: per_piece_rate(-3), "件序号不能为负数"),
    ],
)
def test_negative_input_raises_value_error_in_chinese(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: per_piece_fee(1.5, 1),
        lambda: per_piece_fee(0, "3"),
        lambda: per_piece_fee(True, 1),
        lambda: per_volume_fee(2.0),
        lambda: per_volume_fee(None),
    ],
)
def test_non_integer_input_raises_type_error_in_chinese(call):
    with pytest.raises(TypeError, match="必须是整数"):
        call()


def test_quotes_are_frozen():
    quote = per_piece_fee(28, 6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote.amount = 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote.bands[0].rate = 0
    assert isinstance(quote, FeeQuote)
    assert hash(quote) == hash(per_piece_fee(28, 6))


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=400)


def check_bands(quote: FeeQuote, first_unit: int, rate_of) -> None:
    assert sum(b.amount for b in quote.bands) == quote.amount
    assert sum(b.units for b in quote.bands) == quote.units
    expected_next = first_unit
    for band in quote.bands:
        assert band.first == expected_next
        assert band.last is not None and band.last >= band.first
        assert band.units == band.last - band.first + 1
        assert band.amount == band.rate * band.units
        # One rate per band: every unit in it has the same marginal rate.
        assert {rate_of(n) for n in range(band.first, band.last + 1)} == {band.rate}
        expected_next = band.last + 1
    assert expected_next == first_unit + quote.units
    # Adjacent bands have different rates (bands are maximal).
    for left, right in zip(quote.bands, quote.bands[1:], strict=False):
        assert left.rate != right.rate


@given(counts, counts)
def test_per_piece_matches_oracle_and_bands_are_consistent(prior, new):
    quote = per_piece_fee(prior, new)
    assert quote.units == new
    assert quote.amount == sum(oracle_piece_rate(n) for n in range(prior + 1, prior + new + 1))
    check_bands(quote, prior + 1, oracle_piece_rate)


@given(st.integers(min_value=0, max_value=2000))
def test_per_volume_matches_oracle_and_bands_are_consistent(pages):
    quote = per_volume_fee(pages)
    assert quote.units == pages
    assert quote.amount == sum(oracle_page_rate(n) for n in range(1, pages + 1))
    check_bands(quote, 1, oracle_page_rate)


@given(counts, counts, counts)
def test_per_piece_is_additive_over_the_month(a, b, c):
    assert per_piece_fee(a, b).amount + per_piece_fee(a + b, c).amount == per_piece_fee(a, b + c).amount


@given(counts, counts, st.integers(min_value=0, max_value=50))
def test_per_piece_monotone_in_new_pieces(prior, new, extra):
    assert per_piece_fee(prior, new).amount <= per_piece_fee(prior, new + extra).amount


@given(counts, counts, st.integers(min_value=0, max_value=50))
def test_per_piece_monotone_in_prior_pieces(prior, new, extra):
    # The same request costs at least as much later in the month.
    assert per_piece_fee(prior, new).amount <= per_piece_fee(prior + extra, new).amount


@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=0, max_value=100))
def test_per_volume_monotone(pages, extra):
    assert per_volume_fee(pages).amount <= per_volume_fee(pages + extra).amount


@given(st.integers(min_value=1, max_value=1000))
def test_marginal_rates_non_decreasing(n):
    assert per_piece_rate(n) <= per_piece_rate(n + 1)
    assert per_volume_rate(n) <= per_volume_rate(n + 1)


@given(counts, counts)
def test_explanation_ends_with_total(prior, new):
    quote = per_piece_fee(prior, new)
    text = quote.explanation()
    assert text.endswith(f"合计{quote.amount}元")
    assert text.count("；") == len(quote.bands)


# -- the 按件 count and the fee notice (legal-review.md A4, B9, B10) -----------------------------

import datetime as _dt  # noqa: E402

from gongkai.law.fees import (  # noqa: E402
    Filing,
    payment_method_refusal,
    per_volume_refusal,
    pieces_filed_before,
)

_ID = "11010519491231002X"


def test_another_organs_pieces_never_count_a4():
    """A4: 25 pieces charged by 自规局 that month; the applicant's first application to the city
    government is piece 1 there, and free."""
    filings = [Filing("zrzy", _ID, _dt.date(2026, 6, 2), pieces=25, order=1)]
    first_here = Filing("shi", _ID, _dt.date(2026, 6, 10), pieces=1, order=2)
    prior = pieces_filed_before(filings + [first_here], first_here)
    assert prior == 0
    assert per_piece_fee(prior, 1).amount == 0


def test_every_piece_filed_this_month_counts_charged_or_not_b9():
    """B9: eleven earlier applications this month (none got a fee notice): the 12th is piece 12,
    100 元; last month's, another applicant's and later filings do not count."""
    earlier = [Filing("shi", _ID, _dt.date(2026, 6, d), order=d) for d in range(1, 12)]
    noise = [Filing("shi", _ID, _dt.date(2026, 5, 31), pieces=30, order=0),
             Filing("shi", "110105194912310037", _dt.date(2026, 6, 3), pieces=30, order=40),
             Filing("shi", _ID, _dt.date(2026, 6, 20), pieces=5, order=50)]
    twelfth = Filing("shi", _ID.lower(), _dt.date(2026, 6, 12), order=12)
    prior = pieces_filed_before(earlier + noise + [twelfth], twelfth)
    assert prior == 11
    assert per_piece_fee(prior, 1).explanation() == "第12件 1件×100元=100元；合计100元"


def test_pieces_split_at_intake_and_same_day_order():
    a = Filing("shi", _ID, _dt.date(2026, 6, 1), pieces=8, order=1)
    b = Filing("shi", _ID, _dt.date(2026, 6, 1), pieces=4, order=2)
    assert pieces_filed_before([a, b], b) == 8 and pieces_filed_before([a, b], a) == 0
    assert per_piece_fee(8, 4).amount == 200


def test_fee_notice_names_the_payment_method_b10():
    assert "缴纳方式" in payment_method_refusal("", "")
    assert "缴款书编号" in payment_method_refusal("payment_slip", " ")
    assert payment_method_refusal("nontax_code", "3301-2026-000123") is None


@pytest.mark.parametrize(("delivery", "refused"), [("on_site", True), ("online", True), ("post", False),
                                                     ("email", False), ("pickup", False)])
def test_per_volume_only_for_copies_b10(delivery, refused):
    assert (per_volume_refusal("per_volume", delivery) is not None) is refused
    assert per_volume_refusal("per_piece", delivery) is None
