"""The demo cases acted through the services, in date order (a small discrete-event scheduler)."""

from __future__ import annotations

import datetime as dt
import heapq
import re

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from gongkai.agencies.models import Counter, next_number
from gongkai.applications import services
from gongkai.applications.models import (
    Application,
    Channel,
    EventKind,
    TimelineEvent,
)
from gongkai.core.maintenance import maintenance
from gongkai.law.calendar import CalendarMissing
from gongkai.law.clock import ClockError
from gongkai.letters.context import cn_date
from gongkai.letters.models import Letter

from .requests import CORRECTION_ITEMS, DELIVERY, EXTENSION_REASONS, FEE_REASON, WITHDRAW_REASONS
from .world import HOURS, SITE


class Handling:
    """Part of :class:`gongkai.demo.applications.Demo`: the scheduler and the acts of one case."""

    def schedule(self, spec):
        gen = self.run_case(spec)
        try:
            first = next(gen)
        except StopIteration:
            return
        self.push(first, spec, gen)

    def push(self, when, spec, gen):
        self.seq += 1
        heapq.heappush(self.heap, (when, self.seq, spec.key, gen))

    def run(self):
        by_key = {s.key: s for s in self.specs}
        while self.heap:
            when, _, key, gen = heapq.heappop(self.heap)
            spec = by_key[key]
            try:
                nxt = gen.send(None)
            except StopIteration:
                continue
            except (services.ActionError, CalendarMissing, ClockError) as e:
                self.warn(f"第{key}件（{spec.agency}，{when}）未能按计划办理：{e}\n")
                continue
            if nxt < when:
                self.warn(f"第{key}件的计划日期倒退（{when} → {nxt}）\n")
                nxt = when
            if nxt > self.today:
                self.warn(f"第{key}件的计划日期{nxt}晚于今天，已停止\n")
                continue
            self.push(nxt, spec, gen)

    # -- one case ---------------------------------------------------------------------------

    def reload(self, app):
        return Application.objects.get(pk=app.pk)

    def due(self, app, as_of):
        result = services.compute_clock(self.reload(app), as_of=as_of)
        if result.due is None:
            raise services.ActionError(f"计划错误：{as_of}时没有答复期限（{result.state}）")
        return result.due

    def submit_online(self, spec):
        agency = self.agencies[spec.agency]
        app = services.submit_online(agency, spec.data, [])
        if spec.submitted != app.submitted_on:
            # Back-date the submission made on spec.submitted (submit_online stamps "now").
            at = timezone.make_aware(dt.datetime.combine(
                spec.submitted, dt.time(self.rng.randint(7, 22), self.rng.randint(0, 59))))
            update = {"submitted_at": at, "submitted_on": spec.submitted}
            if spec.submitted.year != app.submitted_on.year:
                # Give back the serial drawn from this year's sequence and draw one from the right year.
                Counter.objects.filter(agency=agency, name="application", year=app.submitted_on.year).update(
                    value=F("value") - 1)
                year = spec.submitted.year
                update["reference"] = f"{year}-{next_number(agency, 'application', year):05d}"
            Application.objects.filter(pk=app.pk).update(**update)
            with maintenance("演示数据", who="demo.handling"):  # back-dating history: the one named switch
                TimelineEvent.objects.filter(application=app, kind=EventKind.SUBMITTED).update(
                    occurred_on=spec.submitted)
            app = self.reload(app)
        return app

    def run_case(self, s):
        """The acts of one case: a generator yielding the date of its next act (see :meth:`run`)."""
        app = yield from self._intake(s)
        if app is None:
            return
        now = s.received
        for phase in (self._correction, self._explanation, self._withdrawal, self._fee, self._consultations,
                      self._extension, self._deferral):
            now = yield from phase(app, s, now)
            if now is None:
                return
        if s.final == "in_progress":
            return
        yield from self._decide_and_answer(app, s, now)

    def _intake(self, s):
        """Intake (Art. 31): the application, or None while an online one awaits confirmation."""
        agency = self.agencies[s.agency]
        h = self.handler(s.agency)
        pieces = s.fee[1] if s.fee and s.fee[0] == "per_piece" else 1  # the split recorded at intake (109号第四条)
        if s.fee and s.fee[0] == "per_volume" and s.data.get("delivery") in ("on_site", "online"):
            s.data["delivery"] = "post"  # 按量 only for copies (109号第五条)
        if s.channel == Channel.ONLINE:
            yield s.submitted
            app = self.submit_online(s)
            s.app_id = app.pk
            if s.final == "pending":
                return None
            yield s.received
            services.confirm_receipt(app, h, s.received)
        else:
            yield s.received
            app = services.register(
                agency, s.data, [], actor=h, channel=s.channel, submitted_on=s.submitted,
                received_on=None if s.channel == Channel.IN_PERSON else s.received, is_oral=s.oral, pieces=pieces)
            s.app_id = app.pk
        if app.pieces != pieces:  # online: the organ splits the request when it confirms receipt
            Application.objects.filter(pk=app.pk).update(pieces=pieces)
            app = self.reload(app)
        return app

    def _correction(self, app, s, now):
        """Correction (Art. 30; 3.3 c). Each phase returns the date of its last act, or None when the case stops."""
        h, rng = self.handler(s.agency), self.rng
        if s.correction:
            now = s.at.get("correction") or self.wd(now, rng.randint(1, 5))
            yield now
            # The period runs from service (legal-review.md A5, B8): e-mail the same day, post two days on.
            served = self._served(s, now)
            services.request_correction(app, h, now, items=CORRECTION_ITEMS, served_on=served)
            if s.correction == "open":
                return None
            if s.correction == "lapsed":
                now = self.wd(self.wd(served, settings.GONGKAI["CORRECTION_PERIOD_DAYS"]), 1)
                yield now
                yield from self._close_signed(app, s, now)
                return None
            now = self.wd(now, rng.randint(3, 12))
            yield now
            services.record_correction(app, h, now, note="申请人提交补正后的申请表，补充了所需信息的名称和形成时间")
        return now

    def _served(self, s, now):
        """When a notice sent ``now`` reaches the applicant (legal-review.md A5, B8): e-mail or online the
        same day, post two days on; never after today."""
        return min(now if s.data["delivery"] in ("email", "online") else now + dt.timedelta(days=2), self.today)

    def _close_signed(self, app, s, now):
        """A lapse recorded by the handler, its closure notice signed by the unit head (B17), delivered."""
        services.close_lapsed(app, self.handler(s.agency), now)
        services.issue_answer(self.reload(app), self.reviewer(s.agency), now)
        yield from self.deliver(app, s, now)

    def _explanation(self, app, s, now):
        """Art. 35: a request clearly beyond a reasonable range; the applicant is asked for reasons."""
        h, rng = self.handler(s.agency), self.rng
        if s.outcome == "5.4":
            now = self.wd(now, rng.randint(1, 3))
            yield now
            reply_by = self.wd(now, 10)
            services.request_explanation(self.reload(app), h, now, reason="您近期以相同或者类似内容连续提出大量申请",
                                         reply_by=reply_by)
            now = self.wd(reply_by, 1)
        return now

    def _withdrawal(self, app, s, now):
        """Withdrawal by the applicant."""
        h, rng = self.handler(s.agency), self.rng
        if s.withdraw:
            now = self.wd(now, rng.randint(2, 9))
            yield now
            services.withdraw(app, h, now, reason=rng.choice(WITHDRAW_REASONS))
            if self.reload(app).received_on is not None:  # the closure notice, signed like an answer (B17)
                services.issue_answer(self.reload(app), self.reviewer(s.agency), now)
                yield from self.deliver(app, s, now)
            return None
        return now

    def _fee(self, app, s, now):
        """Fee (Art. 42; 3.3 f)."""
        h, rng = self.handler(s.agency), self.rng
        if s.fee:
            scale, units, result = s.fee
            now = s.at.get("fee") or self.wd(now, rng.randint(3, 7))
            yield now
            services.issue_fee_notice(app, h, now, scale=scale, units=None if scale == "per_piece" else units,
                                      reason=FEE_REASON, served_on=self._served(s, now), payment_method="nontax_code",
                                      payment_reference=f"非税收入缴款码{now:%Y%m%d}{app.pk:06d}")
            if result == "open":
                return None
            notice = app.events.get(kind=EventKind.FEE_NOTICE_SENT)
            payment_due = dt.date.fromisoformat(notice.data["payment_due"])
            if result == "lapsed":
                now = self.wd(payment_due, 1)
                yield now
                yield from self._close_signed(app, s, now)
                return None
            now = self.wd(now, rng.randint(3, 12))
            yield now
            services.record_payment(app, h, now, note="申请人已通过非税收入缴款系统缴纳信息处理费，已核对缴款凭证")
        return now

    def _consultations(self, app, s, now):
        """Consultations (Arts. 32, 34; 3.3 d)."""
        h, rng = self.handler(s.agency), self.rng
        if s.consults:
            now = s.at.get("consult") or self.wd(now, rng.randint(2, 6))
            yield now
            replies = []
            for kind, party, matters, result in s.consults:
                served = now if kind == "co_maker" else self.wd(now, rng.randint(0, 2))
                served = min(served, self.today)
                services.consult(app, h, now, party=party, kind=kind, matters=matters, served_on=served)
                sent = app.events.filter(kind=EventKind.CONSULTATION_SENT).order_by("-id").first()
                if result == "open":
                    continue
                window = self.wd(served, 15)
                if result == "lapsed":
                    note = ("被征求意见方在15个工作日内未答复，视为同意公开（条例第三十四条）" if kind == "co_maker"
                            else "第三方在15个工作日内未提出意见，本机关依照条例规定决定")
                    replies.append((self.wd(window, rng.randint(1, 2)), sent.id, "none", note))
                elif result == "object":
                    replies.append((self.wd(served, rng.randint(5, 14)), sent.id, "object",
                                    f"{party}书面答复不同意公开，认为涉及其商业秘密"))
                else:
                    replies.append((self.wd(served, rng.randint(4, 12)), sent.id, "agree", f"{party}书面答复同意公开"))
            if s.final == "open_consult":
                return None
            for on, sent_id, opinion, note in sorted(replies):
                now = max(now, on)
                yield now
                services.record_consultation_reply(app, h, now, consultation_id=sent_id, opinion=opinion, note=note)
        return now

    def _extension(self, app, s, now):
        """Extension (Art. 33; 3.3 e), approved by the head of the disclosure unit."""
        rv, rng = self.reviewer(s.agency), self.rng
        if s.extension:
            due = self.due(app, now)
            now = s.at.get("extension") or max(self.wd(now, 1), self.wd_back(due, rng.randint(1, 3)))
            yield now
            services.extend(app, rv, now, days=s.extension, reason=rng.choice(EXTENSION_REASONS))
        return now

    def _deferral(self, app, s, now):
        """Art. 35 deferral of a large request."""
        rv = self.reviewer(s.agency)
        if s.deferral:
            due = self.due(app, now)
            defer_on = s.at.get("deferral") or self.wd(now, 5)
            # Art. 35 in its order (B6): the 说明理由告知书 first, the applicant's reasons, then the deferral.
            asked = max(now, self.wd_back(defer_on, 4))
            yield asked
            services.request_explanation(self.reload(app), self.handler(s.agency), asked,
                                         reason="一次申请调取约300份土地出让合同", reply_by=self.wd(asked, 10))
            now = max(defer_on, asked)
            yield now
            fixed = self.workday_on_or_after(due + dt.timedelta(days=28))
            services.defer(self.reload(app), rv, now, due=fixed,
                           explanation="申请人书面说明系开展本市土地出让收入使用情况课题研究所需，并提供了课题立项文件",
                           reason="所申请的出让合同约300份，需逐份调档、审查并对涉及商业秘密和个人信息的内容作区分处理，"
                           "无法在法定期限内答复，依据条例第三十五条确定合理的答复期限")
        return now

    def _decide_and_answer(self, app, s, now):
        """Decision and answer (Art. 36), delivery, a supplementary answer, remedies."""
        h, rv, rng = self.handler(s.agency), self.reviewer(s.agency), self.rng
        due = self.due(app, now)
        if s.at.get("decide"):
            decide_on = s.at["decide"]
        elif s.late:
            decide_on = self.wd(due, rng.randint(1, 3))
        else:
            decide_on = max(self.wd(now, 1 if s.consults or s.fee else rng.randint(2, 6)),
                            self.wd_back(due, rng.randint(0, 10)))
            decide_on = min(decide_on, due)
        now = max(now, decide_on)
        yield now
        reasons, details = self.decision(s, app)
        services.decide(app, h, now, outcome=s.outcome, reasons=reasons, details=details)
        if s.final == "decided":
            return None
        if rng.random() < 0.4 and self.wd(now, 1) <= min(due, self.today):
            now = self.wd(now, 1)
            yield now
        services.issue_answer(app, rv, now)
        delivered = yield from self.deliver(app, s, now)

        if s.supplementary and delivered:
            now = self.wd(delivered, rng.randint(3, 8))
            yield now
            services.supplementary_answer(app, rv, now, text=s.supplementary)
        if s.remedy and delivered:
            yield from self.remedies(app, s, delivered)

    def deliver(self, app, s, issued_on):
        """Record the delivery of the answer letter or closure notice; returns the date or None."""
        method, lag = DELIVERY[s.data["delivery"]]
        if lag is None:
            on = self.wd(issued_on, self.rng.randint(1, 4))
        else:
            on = issued_on + dt.timedelta(days=lag)
        if on > self.today:
            return None  # still in the post
        yield on
        services.record_delivery(app, self.handler(s.agency), on, method=method)
        return on

    def decision(self, s, app):
        """Reasons and the outcome-specific details of the answer (domain.md 2.11 item 6)."""
        app = self.reload(app)
        agency = self.agencies[s.agency]
        req = s.req
        code = s.outcome
        reasons = s.reasons or (req.reasons if req and req.reasons else "")
        details = {}
        rng = self.rng
        if code in ("1", "2"):
            if code == "1" and req and req.published and rng.random() < 0.8:
                published = app.received_on - dt.timedelta(days=rng.randint(20, 300))
                serial = rng.randint(10, 480)
                details["published_where"] = (
                    f"该信息已于{cn_date(published)}在{agency.name}政府信息公开专栏“法定主动公开内容—{req.published}”栏目公开，"
                    f"网址：{SITE}/{agency.code}/zdgk/{published:%Y%m}/t{published:%Y%m%d}_{serial}.html，"
                    f"索引号：{agency.uscc}/{published.year}-{serial:05d}")
            else:
                details["how_to_obtain"] = self.how_to_obtain(s, agency)
            if code == "1" and not reasons:
                reasons = "经审查，您申请获取的信息属于可以公开的政府信息。"
            if code == "2" and s.consults:
                party = s.consults[0][1]
                reasons = (f"本机关依据条例第三十二条书面征求了{party}的意见。" + (reasons or "")
                           if s.consults[0][0] == "third_party" else reasons)
            if code == "2":
                details["exemption_basis"] = self.withheld_parts(s, reasons)
        elif code == "4.1":
            if req and req.other_agency:
                details["other_agency"] = req.other_agency
                details["other_agency_contact"] = req.other_contact
                reasons = reasons or f"经核查，您申请获取的信息不是本机关制作或保存的政府信息，应由{req.other_agency}负责公开。"
            else:
                reasons = reasons or "本机关在文书档案和业务系统中均未检索到您所申请的信息，本机关没有制作或者获取该政府信息"
        elif code == "3.8":
            details["special_law"] = req.special_law
        elif code == "3.2":  # the prohibiting law, named with its article (B5)
            named = re.search(r"《[^》]+》第[一二三四五六七八九十百]+条", f"{req.special_law if req else ''}{reasons}")
            details["special_law"] = named.group(0) if named else "《中华人民共和国统计法》第三十九条"
        elif code == "3.4" and not any(kind == "third_party" for kind, *_ in s.consults or ()):
            details["no_consultation_reason"] = "该第三方已注销且无承继主体，无法书面征求其意见"
        elif code == "5.3":
            details["publication_where"] = req.publication_where
        elif code == "5.2":
            orig = Letter.objects.filter(application_id=s.duplicate_of.app_id, kind="answer_letter").first()
            if orig is not None:
                details["earlier_letter"] = f"{orig.number}，{cn_date(orig.issued_on)}"
            else:
                details["earlier_letter"] = f"对您{cn_date(s.duplicate_of.received)}提出的申请的答复"
            reasons = (f"您本次申请的内容与您于{cn_date(s.duplicate_of.received)}提出的申请完全一致，"
                       "本机关此前的答复已送达您本人")
        elif code == "4.3":
            reasons = ("您提交的补正材料仍仅表述为“与本人有关的全部文件”，未写明所需信息的名称、文号或者其他可供检索的"
                       "特征性描述，也未说明所需信息涉及的事项和形成时间")
        if "{" in reasons:
            reasons = self.fill(reasons, app.received_on.year)
        return reasons, details

    def withheld_parts(self, s, reasons):
        """（二）: each withheld part with its article (B4); a third party's part rests on 第十五条."""
        parts = [f"{matters}——第十五条" for kind, _, matters, _ in (s.consults or ()) if kind == "third_party"]
        if not parts:
            if any(k in reasons for k in ("内部", "过程", "讨论", "纪要", "审核意见", "草稿")):
                parts.append("内部讨论记录和审核意见等过程性信息——第十六条第二款")
            elif "商业秘密" in reasons:
                parts.append("涉及企业商业秘密的内容——第十五条")
            else:
                parts.append("涉及个人姓名、身份证号码、住址和联系方式等个人信息的内容——第十五条")
        return "\n".join(parts)

    def how_to_obtain(self, s, agency):
        delivery = s.data["delivery"]
        if delivery == "email":
            return "本机关已将所申请信息的电子文档作为本答复书附件，一并发送至您在申请表中填写的电子邮箱。"
        if delivery in ("post", "express"):
            return f"所申请信息的复制件共{self.rng.randint(2, 40)}页，随本答复书一并邮寄至您在申请表中填写的通信地址。"
        if delivery == "pickup":
            return (f"请您自收到本答复书之日起15个工作日内，于工作日办公时间（{HOURS}）携带有效身份证件到"
                    f"{agency.office_address}{agency.office_name}领取所申请信息的复制件。")
        if delivery == "on_site":
            return (f"请您自收到本答复书之日起15个工作日内，于工作日办公时间到{agency.office_name}"
                    f"（{agency.office_address}）查阅、抄录所申请信息。")
        if delivery == "online":
            return "所申请信息的电子文档已上传至申请查询页面，您可凭申请人姓名（名称）和查询号登录下载。"
        return "所申请信息已通过传真发送至您在申请表中填写的传真号码。"

