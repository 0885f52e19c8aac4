"""Invented applicants of the demo: people, organisations and what they ask for."""

from __future__ import annotations

import datetime as dt

from gongkai.applications.models import (
    OrgType,
)
from gongkai.law.identifiers import resident_id_check_char, uscc_check_char

from .requests import FORMS
from .world import DISTRICTS, GIVEN_NAMES, ORGANISATIONS, ROADS, STREETS, SURNAMES


class Applicants:
    """Part of :class:`gongkai.demo.applications.Demo`: the applicants and the fields of their requests."""

    def resident_id(self, region):
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=self.rng.randint(0, 52 * 365))
        first17 = f"{region}{birth:%Y%m%d}{self.rng.randint(0, 999):03d}"
        return first17 + resident_id_check_char(first17)

    def mobile(self):
        return "1" + self.rng.choice("3578") + "".join(str(self.rng.randint(0, 9)) for _ in range(9))

    def address(self, district=None):
        region, name, streets = district or self.rng.choice(DISTRICTS)
        prefix = "示例县" if region == "990121" else f"示例市{name}"
        return region, (f"{prefix}{self.rng.choice(streets)}{self.rng.choice(STREETS)}"
                        f"{self.rng.randint(1, 30)}栋{self.rng.randint(1, 4)}单元"
                        f"{self.rng.randint(1, 18)}0{self.rng.randint(1, 4)}室")

    def make_people(self, n):
        people, used = [], set()
        surnames = list(SURNAMES)
        while len(people) < n:
            name = self.rng.choice(surnames) + self.rng.choice(GIVEN_NAMES)
            if name in used:
                continue
            used.add(name)
            district = self.rng.choice(DISTRICTS)
            region, addr = self.address(district)
            person = {
                "applicant_kind": "natural_person", "org_type": "", "name": name, "id_type": "resident_id",
                "id_number": self.resident_id(region), "phone": self.mobile(), "address": addr,
                "postcode": region, "email": "",
            }
            if self.rng.random() < 0.75:
                person["email"] = f"{SURNAMES[name[0]]}{len(people) + 101}@example.com"
            if self.rng.random() < 0.2:
                person["employer"] = self.rng.choice(["示例市第一中学", "示例市人民医院", "示例市宏达建材有限公司",
                                                      "示例大学", "个体经营", "退休"])
            people.append(person)
        # Two applicants with other identity documents.
        people[5].update(id_type="hk_macao", id_number="H" + "".join(str(self.rng.randint(0, 9)) for _ in range(8)))
        people[9].update(id_type="passport", id_number="E" + "".join(str(self.rng.randint(0, 9)) for _ in range(8)))
        return people

    def make_orgs(self):
        orgs = []
        for i, (name, org_type, head, rep) in enumerate(ORGANISATIONS):
            body = "".join(self.rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
            first17 = head + body
            region = head[2:8] if head[2:8] != "990000" else "990102"
            district = next((d for d in DISTRICTS if d[0] == region), DISTRICTS[0])
            prefix = "示例县" if region == "990121" else f"示例市{district[1]}"
            addr = f"{prefix}{self.rng.choice(ROADS)}{self.rng.randint(1, 300)}号"
            contact = self.rng.choice(list(SURNAMES)) + self.rng.choice(GIVEN_NAMES)
            orgs.append({
                "applicant_kind": "organisation", "org_type": str(org_type), "name": name, "id_type": "",
                "id_number": first17 + uscc_check_char(first17), "legal_representative": rep,
                "contact_name": contact, "phone": self.mobile(), "address": addr, "postcode": region,
                "email": f"office{i + 1:02d}@org.example.com",
            })
        return orgs

    def applicant(self, kind=None):
        """A natural person (about 60 %) or an organisation; a few heavy users file often."""
        if kind is None:
            kind = "natural_person" if self.rng.random() < 0.6 else self.pick(
                [(OrgType.COMMERCIAL, 30), (OrgType.LEGAL_SERVICE, 25), (OrgType.RESEARCH, 15),
                 (OrgType.SOCIAL_WELFARE, 15), (OrgType.OTHER_ORG, 15)])
        if kind == "natural_person":
            pool = self.people
            person = pool[min(int(self.rng.paretovariate(1.2)) - 1, len(pool) - 1)] if self.rng.random() < 0.3 \
                else self.rng.choice(pool)
            data = dict(person)
            if self.rng.random() < 0.06:
                lawyer = self.rng.choice(["沈正衡", "叶明法", "丁若水"])
                data.update(is_proxy=True, agent_name=lawyer, agent_id_number=self.resident_id("990102"),
                            agent_phone=self.mobile())
            return data
        return dict(self.rng.choice([o for o in self.orgs if o["org_type"] == str(kind)]))

    def request_fields(self, req_title, desc, doc_no=""):
        carrier, delivery = self.pick(FORMS)
        data = {"info_title": req_title, "info_doc_no": doc_no, "description": desc, "carrier": carrier,
                "delivery": delivery, "accept_other_delivery": self.rng.random() < 0.85}
        if self.rng.random() < 0.25:
            data["purpose"] = self.rng.choice(["了解本人房屋征收补偿情况", "学术研究", "作为诉讼证据使用", "了解政策",
                                               "企业经营决策参考", "监督环境保护工作"])
        return data

