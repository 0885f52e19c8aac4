"""Document attachments and gazette PDFs in the private storage (issue 12, item 2): an attachment is
public while, and only while, its document is published and 主动公开 (through the public view); staff
of the organ open any of their documents' attachments through the staff view, and each read of a
non-public one is logged. Every XLSX the publishing and report modules write has no formula."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.urls import reverse

from gongkai.agencies.models import Membership
from gongkai.files.storage import PrivateFileSystemStorage
from gongkai.publishing import services
from gongkai.publishing.models import AttachmentAccessLog, GazetteIssue
from gongkai.publishing.tests import walk


def _blank_pdf() -> bytes:
    """A readable one-page PDF without metadata: the leak guard (gongkai/screening) lets it through."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


PDF = _blank_pdf()


@pytest.fixture
def people(tree, make_user):
    return {
        "ed": make_user("ed", tree["a"], Membership.EDITOR, Membership.REVIEWER, Membership.SECRECY),
        "other": make_user("other_ed", tree["b"], Membership.EDITOR),
        "supervisor": make_user("sup", tree["gov"], Membership.SUPERVISOR),
    }


@pytest.fixture
def draft(tree, people):
    doc = services.save_draft(tree["a"], people["ed"], {"title": "关于某事项的通知（草稿）", "body": "见附件"})
    att = services.add_attachment(doc, people["ed"], name="清单.pdf", content=PDF)
    return doc, att


def _publish(doc, user):
    return walk.publish(doc, user)


def _public_url(doc, att):
    return reverse("public:doc-attachment", args=[doc.pk, att.pk])


def test_attachment_file_is_private(draft):
    _, att = draft
    assert isinstance(att.file.storage, PrivateFileSystemStorage)
    assert Path(django_settings.PRIVATE_MEDIA_ROOT) in Path(att.file.path).parents
    assert not (Path(django_settings.MEDIA_ROOT) / att.file.name).exists()


def test_draft_attachment_is_not_public(client, draft):
    doc, att = draft
    assert client.get(_public_url(doc, att)).status_code == 404
    assert client.get(f"/media/{att.file.name}").status_code == 404


def test_published_attachment_is_public_and_withdrawal_closes_it(client, draft, people):
    doc, att = draft
    doc = _publish(doc, people["ed"])
    resp = client.get(_public_url(doc, att))
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF
    assert "attachment" in resp["Content-Disposition"]
    assert "no-store" not in resp.get("Cache-Control", "")  # public: caches may keep it
    assert not AttachmentAccessLog.objects.exists()  # public reads are not personal-data reads
    services.withdraw(doc, people["ed"], "内容有误")
    assert client.get(_public_url(doc, att)).status_code == 404


def test_published_attachment_by_x_accel_redirect(client, draft, people, settings):
    settings.GONGKAI_PRIVATE_ACCEL_PREFIX = "/_private/"
    doc, att = draft
    _publish(doc, people["ed"])
    resp = client.get(_public_url(doc, att))
    assert resp.status_code == 200 and resp.content == b""
    from urllib.parse import quote, unquote

    assert resp["X-Accel-Redirect"] == "/_private/" + quote(att.file.name)  # nginx decodes it
    assert unquote(resp["X-Accel-Redirect"]) == "/_private/" + att.file.name


def test_staff_view_checks_organ_and_logs(client, draft, people):
    doc, att = draft
    url = reverse("doc-attachment-staff", args=[doc.pk, att.pk])
    resp = client.get(url)
    assert resp.status_code == 302  # to the login page
    client.force_login(people["other"])
    assert client.get(url).status_code == 404
    assert not AttachmentAccessLog.objects.exists()
    client.force_login(people["ed"])
    resp = client.get(url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF
    log = AttachmentAccessLog.objects.get()
    assert log.user == people["ed"] and log.attachment == att and log.document_status == "draft"
    page = client.get(reverse("doc-staff", args=[doc.pk])).content.decode()
    assert url in page  # the staff page links the attachment


def test_gazette_pdf_is_private_until_its_date(client, tree, make_user):
    issue = GazetteIssue.objects.create(agency=tree["gov"], year=2099, issue_no=1, cumulative_no=1,
                                        published_on=dt.date(2099, 1, 1))
    issue.pdf.save("2099-1.pdf", ContentFile(PDF))
    assert isinstance(issue.pdf.storage, PrivateFileSystemStorage)
    url = reverse("public:gazette-pdf", args=[issue.pk])
    assert client.get(url).status_code == 404
    assert client.get(f"/media/{issue.pdf.name}").status_code == 404
    client.force_login(make_user("root", superuser=True))
    assert client.get(url).status_code == 200
    # The admin form links the PDF through that view, never through a storage URL.
    page = client.get(reverse("admin:publishing_gazetteissue_change", args=[issue.pk])).content.decode()
    assert url in page
    client.logout()
    issue.published_on = dt.date(2000, 1, 1)
    issue.save()
    assert client.get(url).status_code == 200


def test_standard_catalogue_export_has_no_formula(tree, people):
    from openpyxl import load_workbook

    from gongkai.publishing.catalogue import export_standard_catalogue, import_standard_catalogue
    from gongkai.publishing.models import StandardCatalogueItem

    StandardCatalogueItem.objects.create(agency=tree["a"], seq=1, l1="=1+1", l2="+SUM(A1)", elements="@x",
                                         basis="-2", time_limit="=HYPERLINK(\"http://x\")")
    content = export_standard_catalogue(tree["a"])
    ws = load_workbook(io.BytesIO(content)).active
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    # The text round-trips through the import unchanged.
    StandardCatalogueItem.objects.all().delete()
    created, errors = import_standard_catalogue(tree["a"], content)
    assert created == 1 and not errors
    item = StandardCatalogueItem.objects.get()
    assert (item.l1, item.l2, item.elements) == ("=1+1", "+SUM(A1)", "@x")


def test_report_xlsx_has_no_formula():
    from openpyxl import load_workbook

    from gongkai.law import report_format as rf
    from gongkai.reports import office, render

    doc = render.ReportDoc("=cmd|' /C calc'!A0", "evil", 2025, rf.FORMAT_2021, rf.empty_tables(rf.FORMAT_2021))
    wb = load_workbook(io.BytesIO(office.to_xlsx(doc)))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert any(c.value == "=cmd|' /C calc'!A0" for c in cells)
    assert all(c.data_type != "f" for c in cells)
