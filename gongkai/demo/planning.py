"""The plan of the demo cases: which outcome, when received, with which procedural steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.applications.models import (
    Channel,
    OrgType,
)
from gongkai.law.calendar import CalendarMissing

from .requests import CHANNEL_WEIGHTS, DEFERRAL_REQUEST, FEE_REQUESTS, REQUESTS, VAGUE_REQUESTS, Req
from .world import START


@dataclass
class Spec:
    """The plan of one application."""

    key: int
    agency: str
    channel: str
    received: dt.date
    submitted: dt.date
    data: dict
    outcome: str | None = None  # None while open
    req: Req | None = None
    final: str = "closed"  # closed | pending | in_progress | decided | open_correction | open_consult | open_fee
    oral: bool = False
    correction: str | None = None  # corrected | lapsed | open
    consults: list = field(default_factory=list)  # (kind, party, matters, result)
    fee: tuple | None = None  # (scale, units, paid | lapsed | open)
    extension: int | None = None
    deferral: bool = False
    withdraw: bool = False
    late: bool = False
    supplementary: str | None = None
    reasons: str = ""  # overrides the request's usual reasons
    remedy: str | None = None
    duplicate_of: Spec | None = None
    at: dict = field(default_factory=dict)  # explicit act dates for the open workload
    app_id: int | None = None



class Planning:
    """Part of :class:`gongkai.demo.applications.Demo`: the plan of every case."""

    def fill(self, text, year):
        return text.format(y=year - 1, y0=year, y5=year + 4, n=self.rng.randint(3, 28), m=self.rng.randint(60, 180))

    def requests_for(self, code, need=None, agency=None):
        out = [r for r in REQUESTS if code in r.codes and (agency is None or r.agency == agency)]
        if need:
            out = [r for r in out if getattr(r, need)]
        return out

    def new_spec(self, *, outcome, received, req=None, agency=None, channel=None, applicant=None,
                 title=None, desc=None, doc_no="", **kw):
        if req is not None:
            agency = req.agency
            title, desc, doc_no = req.title, req.desc, req.doc_no
        year = received.year
        data = dict(applicant or self.applicant())
        data.update(self.request_fields(self.fill(title, year), self.fill(desc, year), self.fill(doc_no, year)))
        channel = channel or self.pick(CHANNEL_WEIGHTS)
        submitted = self.submission_date(channel, received)
        spec = Spec(key=len(self.specs) + 1, agency=agency, channel=channel, received=received,
                    submitted=submitted, data=data, outcome=outcome, req=req, **kw)
        if channel == Channel.IN_PERSON and self.rng.random() < 0.15:
            spec.oral = True
        if channel in (Channel.FAX,) and data.get("applicant_kind") == "natural_person":
            data["fax"] = f"0999-{self.rng.randint(6000000, 8999999)}"
        self.specs.append(spec)
        return spec

    def submission_date(self, channel, received):
        if channel in (Channel.IN_PERSON, Channel.OTHER):
            return received
        if channel in (Channel.REGISTERED_POST, Channel.ORDINARY_LETTER):
            return max(START, received - dt.timedelta(days=self.rng.randint(2, 4)))
        lag = self.rng.choice([0, 0, 0, 1, 2])
        return max(START, received - dt.timedelta(days=lag))

    def window(self, extra_wd):
        """Receipt dates for concluded cases: the act chain must end before today."""
        return self.wd(START, 3), self.wd_back(self.workday_on_or_after(self.today), 30 + extra_wd)

    def plan_concluded(self):
        """The concluded cases: every outcome, with the special flows, duplicates and remedies."""
        self._plan_routine()
        self._plan_special_flows()
        self._plan_duplicates_and_remedies()

    def _plan_routine(self):
        """The bulk of the concluded cases: outcome, count and procedural features."""
        plan = [
            # outcome, count, features
            ("1", 52, {}),
            ("1", 3, {"correction": "corrected"}),
            ("1", 2, {"consult": ("co_maker", "agree")}),
            ("1", 1, {"consult": ("co_maker", "lapsed")}),
            ("1", 4, {"extension": 20}),
            ("1", 2, {"late": True}),
            ("2", 13, {}),
            ("2", 2, {"consult": ("third_party", "object")}),
            ("2", 1, {"consult": ("third_party", "lapsed")}),
            ("2", 2, {"extension": 15}),
            ("3.1", 2, {}), ("3.2", 2, {}), ("3.3", 2, {}),
            ("3.4", 4, {"consult": ("third_party", "object")}),
            ("3.5", 3, {}), ("3.6", 4, {}), ("3.7", 3, {}), ("3.8", 5, {}),
            ("4.1", 23, {}),
            ("4.1", 2, {"correction": "corrected"}),
            ("4.1", 2, {"extension": 10}),
            ("4.1", 1, {"late": True}),
            ("4.2", 5, {}), ("4.2", 1, {"extension": 20}),
            ("5.1", 7, {}), ("5.3", 3, {}), ("5.5", 3, {}),
            ("6.3", 8, {"withdraw": True}),
        ]
        for code, count, feat in plan:
            for _ in range(count):
                need = None
                if "consult" in feat:
                    need = "third_party" if feat["consult"][0] == "third_party" else "co_maker"
                req = self.rng.choice(self.requests_for("1" if code == "6.3" else code, need))
                extra = 20 if feat.get("correction") or feat.get("consult") or feat.get("extension") else 0
                received = self.random_workday(*self.window(extra))
                kw = {}
                if "consult" in feat:
                    kind, result = feat["consult"]
                    party = req.third_party if kind == "third_party" else req.co_maker
                    kw["consults"] = [(kind, party, self.fill(req.matters, received.year), result)]
                for k in ("correction", "extension", "late", "withdraw"):
                    if k in feat:
                        kw[k] = feat[k]
                self.new_spec(outcome=code, received=received, req=req, **kw)

    def _plan_special_flows(self):
        """Corrections that fail, the heavy applicant, fees, a deferral and a double consultation."""
        # 4.3: still unclear after correction; 6.1: no correction in time.
        for code, count in (("4.3", 2), ("6.1", 5)):
            for _ in range(count):
                desc, title = self.rng.choice(VAGUE_REQUESTS)
                self.new_spec(outcome=code, received=self.random_workday(*self.window(25)),
                              agency=self.rng.choice(list(self.agencies)), title=title, desc=desc,
                              correction="corrected" if code == "4.3" else "lapsed")

        # 5.4: one heavy applicant at the market regulator.
        heavy = dict(self.people[0])
        req = self.requests_for("5.4")[0]
        for _ in range(3):
            self.new_spec(outcome="5.4", received=self.random_workday(*self.window(0)), req=req,
                          applicant=heavy, channel=Channel.ONLINE)

        # Fees: two paid (per piece, per volume), two lapsed (6.2).
        firm = next(o for o in self.orgs if o["org_type"] == OrgType.LEGAL_SERVICE)
        for agency, scale, units, result in (("zrzy", "per_piece", 15, "paid"), ("sthj", "per_volume", 180, "paid"),
                                             ("zjj", "per_volume", 260, "lapsed"), ("scjg", "per_piece", 25, "lapsed")):
            title, desc = FEE_REQUESTS[agency]
            self.new_spec(outcome="1" if result == "paid" else "6.2", received=self.random_workday(*self.window(40)),
                          agency=agency, title=title, desc=desc, applicant=firm if scale == "per_piece" else None,
                          fee=(scale, units, result))

        # Art. 35 deferral of a large but reasonable request.
        agency, title, desc = DEFERRAL_REQUEST
        self.new_spec(outcome="1", received=self.random_workday(dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
                      agency=agency, title=title, desc=desc, deferral=True, channel=Channel.REGISTERED_POST)

        # One case consulting a third party and a co-maker at once (the pauses merge).
        req = next(r for r in REQUESTS if r.agency == "shi" and "2" in r.codes and r.co_maker)
        received = self.random_workday(dt.date(2025, 9, 1), dt.date(2025, 10, 31))
        self.new_spec(outcome="2", received=received, req=req, consults=[
            ("third_party", "示例市恒信置业有限公司", "项目计划表中该公司承建项目的合同价款和融资安排", "object"),
            ("co_maker", req.co_maker, self.fill(req.matters, received.year), "agree")],
            reasons="第三方书面答复认为其承建项目的合同价款和融资安排属于商业秘密，不同意公开；共同制作机关同意公开。"
                    "经审查，依据条例第十五条、第三十七条对上述内容作区分处理，项目计划表其余部分予以公开。")

    def _plan_duplicates_and_remedies(self):
        """Duplicates (5.2) of earlier cases; remedy cases and a supplementary answer."""
        # Duplicates (5.2) of earlier answered requests by the same applicants.
        originals = [s for s in self.specs if s.outcome in ("1", "4.1") and not s.consults and not s.extension
                     and not s.late and not s.correction and s.received < self.today - dt.timedelta(days=200)]
        for orig in self.rng.sample(originals, 4):
            received = self.workday_on_or_after(orig.received + dt.timedelta(days=self.rng.randint(70, 110)))
            spec = self.new_spec(outcome="5.2", received=received, agency=orig.agency, applicant=orig.data,
                                 title=orig.data["info_title"], desc=orig.data["description"],
                                 doc_no=orig.data["info_doc_no"], duplicate_of=orig)
            spec.data.update({k: orig.data[k] for k in ("info_title", "description", "info_doc_no")})

        # Remedies and supplementary answers.
        def remedy(code, agency, first, last, kind):
            req = self.requests_for(code, agency=agency)[0]
            return self.new_spec(outcome=code, received=self.random_workday(first, last), req=req, remedy=kind)

        remedy("3.6", "shi", dt.date(2025, 3, 3), dt.date(2025, 4, 30), "recon_upheld_then_suit")
        remedy("4.1", "zjj", dt.date(2025, 4, 1), dt.date(2025, 5, 30), "recon_corrected")
        days = dt.timedelta(days=1)
        remedy("4.1", "zrzy", self.today - 230 * days, self.today - 170 * days, "suit_direct_pending")
        remedy("2", "sthj", self.today - 120 * days, self.today - 80 * days, "recon_pending")
        remedy("3.7", "scjg", dt.date(2025, 8, 1), dt.date(2025, 9, 19), "recon_other")
        req = next(r for r in self.requests_for("1", agency="xian") if "预算" in r.title)
        self.new_spec(outcome="1", received=self.random_workday(dt.date(2025, 6, 2), dt.date(2025, 7, 31)),
                      req=req, supplementary="原答复书所附《示例县2024年一般公共预算执行情况》缺少第3页至第5页，"
                                             "现予补充提供，请查收。")

    def plan_open(self):
        """The workload open today: pending confirmations, overdue, due soon, paused cases."""
        T = self.today
        L = T if self.cal.is_working_day(T) else self.wd_back(T, 1)

        def plain(outcome=None):
            return self.rng.choice(self.requests_for(outcome or self.rng.choice(["1", "1", "2", "4.1"])))

        # Online, not yet confirmed: two past the 1-WD confirmation limit, two within it.
        for submitted in (self.wd_back(L, 3), self.wd_back(L, 2), L, T):
            spec = self.new_spec(outcome=None, received=submitted, req=plain(), channel=Channel.ONLINE,
                                 final="pending")
            spec.submitted = submitted
        # In progress: overdue, due soon (at most 3 WD left), due later — the last two received
        # today and yesterday, so from December their dates are provisional (暂定) until next year's
        # holiday arrangement is entered (domain.md 3.1).
        dues = [self.wd_back(L, 6), self.wd_back(L, 3), self.wd_back(L, 1)]
        for k in (1, 2, 3, 3, 5, 8, 11, 14, 17, 19, 20):
            try:
                dues.append(self.wd(T, k))
            except CalendarMissing as e:  # next year's holidays not entered yet: the engine refuses
                self.warn(f"未能安排{k}个工作日后到期的演示案件：{e}\n")
        for due in dues:
            self.new_spec(outcome=None, received=self.wd_back(due, 20), req=plain(), final="in_progress")
        # Awaiting correction.
        for back in (4, 7, 10):
            desc, title = self.rng.choice(VAGUE_REQUESTS)
            received = self.wd_back(L, back)
            self.new_spec(outcome=None, received=received, agency=self.rng.choice(list(self.agencies)), title=title,
                          desc=desc, correction="open", final="open_correction",
                          at={"correction": self.wd(received, 2)})
        # Paused for consultation (third party, co-maker); asking another organ for help is no consultation (A1).
        for back, kind in ((12, "third_party"), (9, "co_maker")):
            received = self.wd_back(L, back)
            req = self.rng.choice(self.requests_for("2" if kind == "third_party" else "1",
                                                    "third_party" if kind == "third_party" else "co_maker"))
            party = req.third_party if kind == "third_party" else req.co_maker
            matters = self.fill(req.matters, received.year)
            self.new_spec(outcome=None, received=received, req=req, final="open_consult",
                          consults=[(kind, party, matters, "open")], at={"consult": self.wd(received, 3)})
        # Paused for the fee.
        for back, agency, scale, units in ((14, "zrzy", "per_volume", 120), (6, "scjg", "per_piece", 12)):
            title, desc = FEE_REQUESTS[agency]
            received = self.wd_back(L, back)
            self.new_spec(outcome=None, received=received, agency=agency, title=title, desc=desc,
                          fee=(scale, units, "open"), final="open_fee", at={"fee": self.wd(received, 4)})
        # Extended, deferred, and decided awaiting the reviewer's signature.
        received = self.wd_back(L, 24)
        self.new_spec(outcome=None, received=received, req=plain("1"), extension=20, final="in_progress",
                      at={"extension": self.wd_back(L, 6)})
        agency, title, desc = DEFERRAL_REQUEST
        self.new_spec(outcome=None, received=self.wd_back(L, 15), agency=agency, title=title, desc=desc,
                      deferral=True, final="in_progress", at={"deferral": self.wd_back(L, 5)})
        # (the city government's, so that its reviewer, the first one demo_info lists, lands on it; one
        # choice, as plain() makes, so the rest of the world is drawn as before)
        received = self.wd_back(L, 16)
        self.new_spec(outcome="1", received=received, req=self.rng.choice(self.requests_for("1", agency="shi")),
                      final="decided", at={"decide": L})
        # Answered in the last days, the letter still in the post (status 已答复, not yet 已办结).
        for back in (0, 1):
            code = self.rng.choice(["1", "4.1"])
            spec = self.new_spec(outcome=code, received=self.wd_back(L, 17 + back),
                                 req=self.rng.choice(self.requests_for(code)), at={"decide": self.wd_back(L, back)})
            spec.data["carrier"] = "paper"
            spec.data["delivery"] = "post"

