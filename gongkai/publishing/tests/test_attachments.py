import io

import pytest
from docx import Document as Docx

from gongkai.agencies.models import Membership
from gongkai.publishing import services
from gongkai.publishing.services import PublishingError
from gongkai.publishing.tests import walk


def docx_bytes(text):
    d = Docx()
    d.add_paragraph(text)
    d.core_properties.author = d.core_properties.comments = ""  # python-docx's own: the leak guard reports them
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_attachment_text_is_extracted_and_searchable(tree, make_user, django_capture_on_commit_callbacks):
    from gongkai.search import index

    user = make_user("ed", tree["a"], Membership.EDITOR, Membership.REVIEWER, Membership.SECRECY)
    with django_capture_on_commit_callbacks(execute=True):
        doc = services.save_draft(tree["a"], user, {"title": "关于公布收费项目的通知", "body": "见附件"})
        att = services.add_attachment(doc, user, name="清单.docx", content=docx_bytes("行政事业性收费目录清单甲乙丙"))
        assert att.text_pending and att.text == ""  # extracted by a job after the commit, not in the request
    att.refresh_from_db()
    assert "收费目录清单" in att.text and not att.text_pending
    with django_capture_on_commit_callbacks(execute=True):
        walk.publish(doc, user)
    results = index.search("收费目录清单")
    assert [h.document.pk for h in results.hits] == [doc.pk]


@pytest.mark.parametrize("content, alt, message", [
    (b"MZ executable", "", "只接受"),
    (b"\x89PNG\r\n\x1a\n" + b"0" * 20, "", "替代文本"),
    (b"", "", "为空"),
])
def test_bad_attachments_rejected(tree, make_user, content, alt, message):
    user = make_user("ed", tree["a"], Membership.EDITOR)
    doc = services.save_draft(tree["a"], user, {"title": "附件测试"})
    with pytest.raises(PublishingError, match=message):
        services.add_attachment(doc, user, name="x", content=content, alt_text=alt)
    assert doc.attachments.count() == 0
