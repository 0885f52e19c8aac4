"""Open-data API: public, paginated, only published 主动公开 documents; the committed OpenAPI schema
matches the code."""

import datetime as dt
from pathlib import Path

from django.core.management import call_command

from gongkai.law import today as law_today
from gongkai.publishing.models import Document, Interpretation

ROOT = Path(__file__).resolve().parents[3]


def make(agency, title, **over):
    data = {"agency": agency, "title": title, "status": "published", "disclosure_attribute": "proactive",
            "published_at": law_today.now() - dt.timedelta(days=1), "index_no": f"X/{title}"}
    data.update(over)
    return Document.objects.create(**data)


def test_only_public_documents_are_served(client, tree):
    pub = make(tree["a"], "公开文件")
    make(tree["a"], "草稿", status="draft", index_no=None)
    make(tree["a"], "依申请", disclosure_attribute="on_request")
    make(tree["a"], "撤回", status="withdrawn")
    data = client.get("/api/open/documents/").json()
    assert [r["title"] for r in data["results"]] == ["公开文件"]
    assert data["results"][0]["url"] == f"/gk/docs/{pub.pk}/"
    hidden = Document.objects.get(title="草稿")
    assert client.get(f"/api/open/documents/{hidden.pk}/").status_code == 404
    assert "count" in data and "next" in data  # paginated


def test_interpretations_need_a_public_document(client, tree):
    pub = make(tree["a"], "公开文件")
    draft = make(tree["a"], "草稿", status="draft", index_no=None)
    ok = Interpretation.objects.create(agency=tree["a"], title="解读甲", body="x", published_at=law_today.now())
    ok.documents.add(pub, draft)
    hidden = Interpretation.objects.create(agency=tree["a"], title="解读乙", body="x", published_at=law_today.now())
    hidden.documents.add(draft)
    data = client.get("/api/open/interpretations/").json()
    assert [(r["title"], r["documents"]) for r in data["results"]] == [("解读甲", [pub.pk])]


def test_catalogue_is_listed(client, tree):
    data = client.get("/api/open/catalogue/?agency=deptA").json()
    assert data["count"] >= 19 and {r["agency"] for r in data["results"]} == {"deptA"}


def test_committed_openapi_schema_is_current(tmp_path):
    out = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(out))
    committed = (ROOT / "docs" / "openapi.yaml").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, (
        "docs/openapi.yaml 已过期：请运行 python manage.py spectacular --file docs/openapi.yaml")
