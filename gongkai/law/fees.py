"""信息处理费 scales (Art. 42; 国办函〔2020〕109号), domain.md 2.8.

Pure standard-library module: no Django import.

Both scales are excess-progressive (超额累进): each rate applies only to the units that fall
inside its band. The organ picks exactly one scale per application (按件 or 按量, never both);
that choice, and the decision to charge at all, is made and recorded elsewhere.
Amounts are whole 元.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "FeeBand",
    "FeeQuote",
    "PER_PIECE",
    "PER_VOLUME",
    "PER_PIECE_FREE_UNITS",
    "PER_VOLUME_FREE_UNITS",
    "PER_VOLUME_BANDS",
    "PAYMENT_PERIOD_WORKING_DAYS",
    "per_piece_rate",
    "per_volume_rate",
    "per_piece_fee",
    "per_volume_fee",
    "Filing",
    "pieces_filed_before",
    "PAYMENT_METHODS",
    "payment_method_refusal",
    "PER_VOLUME_EXCLUDED_DELIVERIES",
    "per_volume_refusal",
]

PER_PIECE = "per_piece"
PER_VOLUME = "per_volume"

# 国办函〔2020〕109号 第六条: the applicant pays within 20 working days counted from the day
# after receiving the 收费通知书; otherwise the request is treated as abandoned (Art. 42; row （六）2).
PAYMENT_PERIOD_WORKING_DAYS = 20

# 国办函〔2020〕109号 按件计收: 1-10 pieces per applicant per calendar month are free.
PER_PIECE_FREE_UNITS = 10
# 国办函〔2020〕109号 按量计收: 1-30 pages per application are free.
PER_VOLUME_FREE_UNITS = 30

# 国办函〔2020〕109号 按量计收 bands: (first page, last page or None = unbounded, 元 per page).
PER_VOLUME_BANDS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)

_UNIT_NAME = {PER_PIECE: "件", PER_VOLUME: "页"}


@dataclass(frozen=True)
class FeeBand:
    """The part of a quote that falls inside one band of the scale.

    ``first`` and ``last`` are the ordinal numbers of the first and last unit charged in
    this band (e.g. pieces 29-30 of the month); ``rate`` is 元 per unit.
    """

    first: int
    last: int | None
    rate: int
    units: int
    amount: int


@dataclass(frozen=True)
class FeeQuote:
    """A computed 信息处理费 under one scale."""

    scale: str
    units: int
    amount: int
    bands: tuple[FeeBand, ...]

    @property
    def unit_name(self) -> str:
        return _UNIT_NAME[self.scale]

    def explanation(self) -> str:
        """Chinese breakdown, e.g. ``第29-30件 2件×100元=200元；第31-34件 4件×200元=800元；合计1000元``."""
        unit = self.unit_name
        parts = []
        for band in self.bands:
            span = f"第{band.first}{unit}" if band.first == band.last else f"第{band.first}-{band.last}{unit}"
            if band.rate == 0:
                parts.append(f"{span} {band.units}{unit}免费")
            else:
                parts.append(f"{span} {band.units}{unit}×{band.rate}元={band.amount}元")
        parts.append(f"合计{self.amount}元")
        return "；".join(parts)


def _check_count(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what}必须是整数")
    if value < 0:
        raise ValueError(f"{what}不能为负数")


def per_piece_rate(n: int) -> int:
    """Rate in 元 for the n-th piece of the month (国办函〔2020〕109号 按件计收)."""
    _check_count(n, "件序号")
    if n < 1:
        raise ValueError("件序号应从1开始")
    if n <= 10:  # 1-10 件: free
        return 0
    if n <= 30:  # 11-30 件: 100 元/件
        return 100
    # 31-40 件: 200 元/件; 41-50 件: 300 元/件; then +100 元/件 for every further band of 10.
    return 200 + 100 * ((n - 31) // 10)


def _per_piece_band(n: int) -> tuple[int, int | None]:
    """(first, last) of the 按件 band containing piece n."""
    if n <= 10:
        return 1, 10
    if n <= 30:
        return 11, 30
    start = 31 + 10 * ((n - 31) // 10)
    return start, start + 9


def per_volume_rate(n: int) -> int:
    """Rate in 元 for the n-th page of the application (国办函〔2020〕109号 按量计收)."""
    _check_count(n, "页序号")
    if n < 1:
        raise ValueError("页序号应从1开始")
    return next(rate for first, last, rate in PER_VOLUME_BANDS if first <= n and (last is None or n <= last))


def _per_volume_band(n: int) -> tuple[int, int | None]:
    return next(
        (first, last) for first, last, _ in PER_VOLUME_BANDS if first <= n and (last is None or n <= last)
    )


def _split(first_unit: int, last_unit: int, band_of, rate_of) -> Iterator[FeeBand]:
    """Split units first_unit..last_unit (inclusive) into the bands of a scale."""
    n = first_unit
    while n <= last_unit:
        _, band_last = band_of(n)
        end = last_unit if band_last is None else min(band_last, last_unit)
        rate = rate_of(n)
        units = end - n + 1
        yield FeeBand(first=n, last=end, rate=rate, units=units, amount=rate * units)
        n = end + 1


def _quote(scale: str, first_unit: int, count: int, band_of, rate_of) -> FeeQuote:
    bands = tuple(_split(first_unit, first_unit + count - 1, band_of, rate_of))
    return FeeQuote(scale=scale, units=count, amount=sum(b.amount for b in bands), bands=bands)


def per_piece_fee(prior_pieces_in_month: int, new_pieces: int) -> FeeQuote:
    """按件计收 fee for ``new_pieces`` pieces, given the applicant's earlier pieces this month.

    Counted per applicant, cumulative within one calendar month (国办函〔2020〕109号).
    Worked example (domain 2.8): 28 earlier pieces, 6 new → pieces 29-30 at 100 and
    31-34 at 200 = 1000 元.
    """
    _check_count(prior_pieces_in_month, "本月已申请件数")
    _check_count(new_pieces, "本次申请件数")
    return _quote(PER_PIECE, prior_pieces_in_month + 1, new_pieces, _per_piece_band, per_piece_rate)


def per_volume_fee(pages: int) -> FeeQuote:
    """按量计收 fee for ``pages`` pages in one application (国办函〔2020〕109号).

    Worked example (domain 2.8): 250 pages → 70×10 + 100×20 + 50×40 = 4700 元.
    """
    _check_count(pages, "页数")
    return _quote(PER_VOLUME, 1, pages, _per_volume_band, per_volume_rate)


# -- the 按件 count (国办函〔2020〕109号第四条; legal-review.md A4, B9) ---------------------------


@dataclass(frozen=True)
class Filing:
    """One application as the 按件 count sees it: the organ it was filed with, the applicant (ID or
    credit-code number), its receipt date and how many pieces it was split into at intake."""

    organ: object
    applicant: str
    received_on: dt.date
    pieces: int = 1
    order: int = 0  # same-day filings: the earlier one has the smaller number (e.g. its id)


def _applicant_key(number: str) -> str:
    return "".join((number or "").split()).upper()


def pieces_filed_before(filings: Iterable[Filing], current: Filing) -> int:
    """The pieces counted before ``current`` (109号第四条「同一申请人一个自然月内累计申请」): every
    piece the same applicant filed with the same organ earlier in the same calendar month, charged or
    not (the first 10 of the month are free, ``PER_PIECE_FREE_UNITS``). Another organ's count never
    enters (条例第四十二条: the range is exceeded at the organ that charges)."""
    key, month = _applicant_key(current.applicant), (current.received_on.year, current.received_on.month)
    return sum(
        f.pieces for f in filings
        if f.organ == current.organ and _applicant_key(f.applicant) == key
        and (f.received_on.year, f.received_on.month) == month
        and (f.received_on, f.order) < (current.received_on, current.order)
    )


# -- the fee notice (109号第五条、第六条; legal-review.md B10) -----------------------------------

# 109号第六条: the notice states 「收费的依据、标准、数额、缴纳方式等」.
PAYMENT_METHODS = {
    "nontax_code": "非税收入缴款码",
    "payment_slip": "缴款书编号",
    "bank_account": "缴款账户",
}

# 109号第五条: 按量 only where the applicant asks for paper copies, e-mail or copied electronic data;
# not when the information is read or copied on site, or obtained online.
PER_VOLUME_EXCLUDED_DELIVERIES = {"on_site": "当场阅读、抄录", "online": "网上获取"}


def payment_method_refusal(method: str, reference: str) -> str | None:
    if method not in PAYMENT_METHODS:
        return "收费通知须写明缴纳方式：请选择非税收入缴款码、缴款书编号或缴款账户（国办函〔2020〕109号第六条）"
    if not (reference or "").strip():
        return f"请填写{PAYMENT_METHODS[method]}（国办函〔2020〕109号第六条）"
    return None


def per_volume_refusal(scale: str, delivery: str) -> str | None:
    if scale == PER_VOLUME and delivery in PER_VOLUME_EXCLUDED_DELIVERIES:
        return (f"申请人选择的获取方式为“{PER_VOLUME_EXCLUDED_DELIVERIES[delivery]}”，不能按量计收"
                "（国办函〔2020〕109号第五条：按量计收仅适用于提供纸质复制件、电子邮件或复制电子数据）")
    return None
