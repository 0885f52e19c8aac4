"""Reconsideration and litigation of demo cases (domain.md 2.9)."""

from __future__ import annotations

import datetime as dt

from gongkai.applications import services
from gongkai.remedies.models import RemedyCase


class Remedies:
    """Part of :class:`gongkai.demo.applications.Demo`: remedy cases after the answer."""

    def remedy_no(self, body, year):
        key = f"{body}{year}"
        self.case_no[key] = self.case_no.get(key, 0) + self.rng.randint(3, 20)
        n = self.case_no[key]
        if body == "示例省人民政府":
            return f"示省政复〔{year}〕第{n}号"
        if body == "示例市人民政府":
            return f"示政复〔{year}〕第{n}号"
        if body == "示例市中级人民法院":
            return f"（{year}）示01行初{n}号"
        return f"（{year}）示0104行初{n}号"

    def remedies(self, app, s, delivered):
        agency = self.agencies[s.agency]
        rv = self.reviewer(s.agency)
        rng = self.rng
        kind = s.remedy

        def clamp(d):
            return min(self.workday_on_or_after(d), self.today)

        if kind in ("suit_direct_pending",):
            filed = clamp(delivered + dt.timedelta(days=rng.randint(40, 110)))
            yield filed
            RemedyCase.objects.create(
                agency=agency, application=app, kind=RemedyCase.LITIGATION, litigation_path=RemedyCase.DIRECT,
                case_no=self.remedy_no(agency.court, filed.year), body=agency.court, filed_on=filed,
                notes="原告诉请确认被告答复违法并判令重新答复。", created_by=rv)
            return
        filed = clamp(delivered + dt.timedelta(days=rng.randint(20, 45)))
        yield filed
        organ = agency.reconsideration_organ
        case = RemedyCase.objects.create(
            agency=agency, application=app, kind=RemedyCase.RECONSIDERATION,
            case_no=self.remedy_no(organ, filed.year),
            body=organ, filed_on=filed, created_by=rv,
            notes="适用简易程序审理（行政复议法第五十三条）。" if kind != "recon_pending" else "")
        if kind == "recon_pending":
            return
        concluded = self.workday_on_or_after(filed + dt.timedelta(days=rng.randint(25, 55)))
        if concluded > self.today:
            return
        yield concluded
        result, detail = {
            "recon_upheld_then_suit": (RemedyCase.UPHELD, "维持"),
            "recon_corrected": (RemedyCase.CORRECTED, "责令重新答复"),
            "recon_other": (RemedyCase.OTHER, "终止（申请人撤回行政复议申请）"),
        }[kind]
        RemedyCase.objects.filter(pk=case.pk).update(result=result, result_detail=detail, concluded_on=concluded)
        if kind == "recon_corrected":
            now = self.wd(concluded, rng.randint(5, 10))
            if now > self.today:
                return
            yield now
            services.supplementary_answer(
                app, rv, now, text=(f"根据{organ}行政复议决定书（{case.case_no}），本机关对您申请的信息重新进行了检索。"
                                    "经在本机关档案室和业务系统中扩大检索范围，找到了相关信息的部分内容，现随本补充答复书一并提供。"))
        if kind == "recon_upheld_then_suit":
            filed = self.workday_on_or_after(concluded + dt.timedelta(days=rng.randint(7, 13)))
            if filed > self.today:
                return
            yield filed
            suit = RemedyCase(
                agency=agency, application=app, kind=RemedyCase.LITIGATION,
                litigation_path=RemedyCase.AFTER_RECONSIDERATION, prior=case,
                case_no=self.remedy_no(agency.court, filed.year), body=agency.court, filed_on=filed, created_by=rv,
                notes=f"原告不服{organ}行政复议决定提起诉讼。")
            ended = self.workday_on_or_after(filed + dt.timedelta(days=rng.randint(80, 120)))
            if ended <= self.today:
                suit.result, suit.result_detail, suit.concluded_on = RemedyCase.UPHELD, "驳回诉讼请求", ended
            suit.save()

