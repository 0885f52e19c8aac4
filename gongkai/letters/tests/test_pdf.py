"""Letters as PDF (issue 14 item 4): the same text as the DOCX, the GB/T 9704 page, the 核验码 in
every page's footer, frozen at issue in the private storage, served only by the access-checked and
logged views, and never a URL fetched while rendering. Fixtures ``agency`` and ``officer``: conftest.py."""

import io
import re
import socket

import pytest
from django.urls import reverse
from pypdf import PdfReader

from gongkai.agencies.models import Membership
from gongkai.applications.models import AccessLog
from gongkai.law import outcomes
from gongkai.letters import pdf as letter_pdf
from gongkai.letters.models import Letter, LetterKind, LetterTemplate
from gongkai.letters.services import issue_letter, render_docx

from .test_letters import CASES, KIND_EXTRAS, ON, REASONS, docx_paragraphs, make_app

pytestmark = pytest.mark.django_db


def squash(text: str) -> str:
    """CJK text from a PDF comes with line breaks wherever a line ended: compare without whitespace."""
    return re.sub(r"\s+", "", text or "")


def pdf_pages(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [squash(page.extract_text()) for page in reader.pages]


def pdf_body(data: bytes, letter) -> str:
    """The text of every page without its footer (核验码 note and page number), pages joined."""
    note = squash(letter.verification_note)
    body = []
    for number, text in enumerate(pdf_pages(data), start=1):
        assert note and note in text, f"page {number} has no 核验码 footer"
        assert f"—{number}—" in text, f"page {number} has no page number"
        body.append(text.replace(note, "").replace(f"—{number}—", ""))
    return "".join(body)


def assert_same_clauses(letter) -> str:
    """Every paragraph of the DOCX (title, number, each frozen paragraph) is in the PDF, in order."""
    data = letter_pdf.render_pdf(letter)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)  # A4
    body = pdf_body(data, letter)
    position = 0
    for paragraph in docx_paragraphs(render_docx(letter)):
        found = body.find(squash(paragraph), position)
        assert found >= 0, paragraph
        position = found + len(squash(paragraph))
    return body


def test_answer_letter_pdf_has_the_docx_clauses_and_the_page_layout(agency, officer):
    app = make_app(agency, outcome="3.1", outcome_reasons=REASONS)
    letter = issue_letter(app, "answer_letter", actor=officer, on=ON, extra={"signed": True})
    body = assert_same_clauses(letter)
    basis = next(p for p in letter.paragraphs if p.startswith("根据"))
    remedy = next(p for p in letter.paragraphs if "行政复议" in p and "行政诉讼" in p)
    assert squash(basis) in body and squash(remedy) in body
    assert "第十四条" in basis and "国家秘密" in body
    # The HTML the PDF is made from is the printable page's template, without screen parts or links.
    html = letter_pdf.letter_html(letter)
    assert "<link" not in html and "打印提示" not in html and "<script" not in html
    assert html.count(letter.verification_code[:4]) == 1  # the note once, repeated by the page footer


def test_the_sign_off_never_stands_alone_on_a_page(agency, officer):
    """GB/T 9704 7.3.5: 15 one-line paragraphs fill the first page, so the organ and date would
    begin the second page alone (they did before pdf.css kept them with the last line of text)."""
    line = "本段正文恰好一行用于测试落款不单独成页的排版规则。"
    LetterTemplate.objects.create(agency=agency, kind="receipt", body="{{ addressee }}：\n\n" + "\n\n".join(
        [line] * 15) + "\n\n{{ agency.name }}\n\n{{ letter_date_cn }}")
    letter = issue_letter(make_app(agency), "receipt", actor=officer, on=ON)
    pages = pdf_pages(letter_pdf.render_pdf(letter))
    assert len(pages) == 2
    last = pages[-1].replace(squash(letter.verification_note), "").replace("—2—", "")
    assert last == squash(line) + squash(agency.name) + "2025年4月1日"


def test_page_layout_follows_gb_t_9704():
    css = letter_pdf.STYLESHEET.read_text(encoding="utf-8")
    assert "size: A4" in css and "margin: 37mm 26mm 35mm 28mm" in css
    assert '"Noto Serif CJK SC"' in css and "font-size: 16pt" in css and "font-size: 22pt" in css
    # 22 lines a page, 28 characters a line: 225 mm / 22 and 156 mm / 28 (16 pt less the spacing).
    line = float(re.search(r"body \{[^}]*line-height: ([\d.]+)pt", css)[1])
    spacing = float(re.search(r"body \{[^}]*letter-spacing: (-?[\d.]+)pt", css)[1])
    assert int(225 / 25.4 * 72 / line) == 22
    assert int(156 / 25.4 * 72 / (16 + spacing)) == 28


@pytest.mark.heavy
@pytest.mark.parametrize("kind", LetterKind.values)
def test_every_kind_as_pdf_has_the_docx_clauses(agency, officer, kind):
    letter = issue_letter(make_app(agency), kind, actor=officer, on=ON, extra=KIND_EXTRAS[kind])
    assert_same_clauses(letter)


@pytest.mark.heavy
@pytest.mark.parametrize("code", list(CASES))
def test_every_outcome_as_pdf_has_the_basis_and_remedy(agency, officer, code):
    oc = outcomes.by_code(code)
    details, reasons, specific = CASES[code]
    app = make_app(agency, outcome=code, outcome_reasons=reasons)
    letter = issue_letter(app, oc.letter_kind, actor=officer, on=ON,
                          extra={"signed": True, "outcome": code, "outcome_label": oc.label, **details})
    body = assert_same_clauses(letter)
    for fragment in specific:
        assert squash(fragment) in body, fragment


# -- frozen at issue ---------------------------------------------------------------------------------


def _handler(officer, agency):
    Membership.objects.create(user=officer, agency=agency, role=Membership.HANDLER)
    return officer


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_pdf_is_frozen_at_issue_and_unchanged_by_later_template_changes(
        agency, officer, client, monkeypatch, tmp_path, django_capture_on_commit_callbacks):
    template = LetterTemplate.objects.create(agency=agency, kind="receipt", body="{{ addressee }}：\n\n第一版回执正文")
    with django_capture_on_commit_callbacks(execute=True):
        letter = issue_letter(make_app(agency), "receipt", actor=officer, on=ON)
        assert not Letter.objects.get(pk=letter.pk).pdf  # rendered only once the issue has committed
    letter = Letter.objects.get(pk=letter.pk)
    assert letter.pdf.name.startswith(f"letters/{agency.code}/2025/")
    with pytest.raises(ValueError):
        _ = letter.pdf.url  # private storage: no URL, ever
    with letter.pdf.open("rb") as handle:
        frozen = handle.read()
    assert "第一版回执正文" in pdf_body(frozen, letter)

    # Afterwards the organ's wording, the stylesheet and the page template all change …
    template.body = "{{ addressee }}：\n\n第二版回执正文"
    template.save()
    sheet = tmp_path / "changed.css"
    sheet.write_text(letter_pdf.STYLESHEET.read_text(encoding="utf-8").replace("16pt", "12pt"), encoding="utf-8")
    monkeypatch.setattr(letter_pdf, "STYLESHEET", sheet)
    original_html = letter_pdf.letter_html
    monkeypatch.setattr(letter_pdf, "letter_html", lambda x: original_html(x).replace("<h1>", "<h1>新版式"))
    assert letter_pdf.render_pdf(letter) != frozen  # a fresh rendering would differ …

    # … but the issued letter's PDF is the frozen one, through the service and the view.
    assert letter_pdf.freeze_pdf(letter) is False
    assert letter_pdf.stored_pdf(Letter.objects.get(pk=letter.pk)) == frozen
    client.force_login(_handler(officer, agency))
    response = client.get(reverse("letter-pdf", args=[letter.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    served = _content(response)
    assert served == frozen and "第二版" not in pdf_body(served, letter)


def test_a_letter_without_a_stored_pdf_is_frozen_on_first_download(agency, officer):
    letter = issue_letter(make_app(agency), "receipt", actor=officer, on=ON)  # commit never happens here
    assert not letter.pdf
    first = letter_pdf.stored_pdf(letter)
    stored_name = Letter.objects.get(pk=letter.pk).pdf.name
    assert stored_name and letter.pdf.name == stored_name
    assert letter_pdf.stored_pdf(Letter.objects.get(pk=letter.pk)) == first
    assert Letter.objects.get(pk=letter.pk).pdf.name == stored_name  # not rendered or stored again


def test_at_most_a_few_pdfs_are_rendered_when_one_transaction_commits(
        agency, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        letters = [issue_letter(make_app(agency, n), "receipt", actor=officer, on=ON)
                   for n in range(1, letter_pdf.AT_ISSUE_LIMIT + 3)]
    frozen_at_commit = [c.args[0] for c in callbacks if getattr(c, "letter_pdf", False)]
    assert frozen_at_commit == [letter.pk for letter in letters[:letter_pdf.AT_ISSUE_LIMIT]]
    # The others are frozen on their first download (previous test).


def test_with_a_job_worker_every_issued_letter_is_frozen_by_a_job(agency, officer, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    """In production (a worker, not HUEY_IMMEDIATE) 签发 draws no PDF: each letter's freeze is a job,
    enqueued when the transaction commits, however many letters it issued."""
    from huey.contrib.djhuey import HUEY

    from gongkai.letters import tasks

    enqueued = []
    monkeypatch.setattr(HUEY, "immediate", False)
    monkeypatch.setattr("gongkai.jobs.enqueue_on_commit", lambda task, *args: enqueued.append((task, args)))
    monkeypatch.setattr(letter_pdf, "render_pdf", lambda letter: pytest.fail("drawn in the request"))
    with django_capture_on_commit_callbacks(execute=True):
        letters = [issue_letter(make_app(agency, n), "receipt", actor=officer, on=ON)
                   for n in range(1, letter_pdf.AT_ISSUE_LIMIT + 3)]
    assert enqueued == [(tasks.freeze_letter_pdf, (letter.pk,)) for letter in letters]


def test_the_freeze_job_stores_the_pdf_once(agency, officer):
    from gongkai.letters import tasks

    letter = issue_letter(make_app(agency), "receipt", actor=officer, on=ON)
    assert tasks.freeze_letter_pdf.call_local(letter.pk) is True
    assert tasks.freeze_letter_pdf.call_local(letter.pk) is False  # a retry or second enqueue: no effect
    assert Letter.objects.get(pk=letter.pk).pdf.name


def test_a_second_freeze_keeps_the_first_pdf(agency, officer):
    letter = issue_letter(make_app(agency), "receipt", actor=officer, on=ON)
    stale = Letter.objects.get(pk=letter.pk)  # loaded before the first freeze, as a racing request
    storage, folder = stale.pdf.storage, f"letters/{agency.code}/2025"
    before = set(storage.listdir(folder)[1]) if storage.exists(folder) else set()
    assert letter_pdf.freeze_pdf(letter) is True
    assert letter_pdf.freeze_pdf(stale) is False
    assert stale.pdf.name == letter.pdf.name == Letter.objects.get(pk=letter.pk).pdf.name
    assert set(storage.listdir(folder)[1]) - before == {letter.pdf.name.rsplit("/", 1)[1]}  # the loser's removed


def test_rendering_fetches_no_url(agency, officer, monkeypatch, caplog):
    letter = issue_letter(make_app(agency), "receipt", actor=officer, on=ON)
    hostile = ('<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
               '<img src="https://example.invalid/track.png" alt=""><img src="file:///etc/passwd" alt="">')
    original_html = letter_pdf.letter_html
    monkeypatch.setattr(letter_pdf, "letter_html", lambda x: original_html(x).replace("<body>", "<body>" + hostile))

    def no_network(*args, **kwargs):
        raise AssertionError("a letter PDF must not open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    with caplog.at_level("WARNING", logger="gongkai.letters"):
        data = letter_pdf.render_pdf(letter)
    assert data.startswith(b"%PDF-")
    refused = [r for r in caplog.records if r.name == "gongkai.letters" and "refused" in r.getMessage()]
    assert {r.scheme for r in refused} == {"http", "https", "file"}


# -- served only through the access-checked, logged views -------------------------------------------


def test_pdf_views_check_access_and_log_reads(client, received_app, staff):
    app = received_app()
    letter = app.letters.get(kind="receipt")
    url = reverse("letter-pdf", args=[letter.pk])

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/staff/login" in anonymous["Location"]
    assert client.get(reverse("public-letter-pdf", args=[letter.pk])).status_code == 404  # no query in session
    client.force_login(staff["b_handler"])  # another organ
    assert client.get(url).status_code == 404
    client.force_login(staff["supervisor"])  # supervisors see masked data only: no letters
    assert client.get(url).status_code == 404
    assert not AccessLog.objects.exists()

    client.force_login(staff["a_handler"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    data = _content(response)
    assert data.startswith(b"%PDF-") and squash(letter.number) in pdf_body(data, letter)
    log = AccessLog.objects.get()
    assert log.user == staff["a_handler"] and log.application == app
    assert log.what == f"下载文书PDF：{letter.number}"
    # The staff page links to it.
    page = client.get(reverse("letter", args=[letter.pk])).content.decode()
    assert f'href="{url}"' in page and letter.verification_note in page


def test_public_pdf_only_for_a_queried_application_and_public_letters(client, received_app):
    app = received_app()
    receipt, form = app.letters.get(kind="receipt"), app.letters.get(kind="registration_form")
    session = client.session
    session["queried_applications"] = [app.pk]
    session.save()
    response = client.get(reverse("public-letter-pdf", args=[receipt.pk]))
    assert response.status_code == 200 and _content(response).startswith(b"%PDF-")
    assert client.get(reverse("public-letter-pdf", args=[form.pk])).status_code == 404  # internal letter
    page = client.get(reverse("public-letter", args=[receipt.pk])).content.decode()
    assert reverse("public-letter-pdf", args=[receipt.pk]) in page


def test_docx_and_html_print_the_verification_code(agency, officer):
    from django.template.loader import render_to_string
    from docx import Document

    letter = issue_letter(make_app(agency), "receipt", actor=officer, on=ON)
    doc = Document(io.BytesIO(render_docx(letter)))
    assert [p.text for p in doc.sections[0].footer.paragraphs] == [letter.verification_note]
    assert letter.verification_note not in [p.text for p in doc.paragraphs]  # footer, not body
    html = render_to_string("letters/letter.html", {"letter": letter})
    assert f'<p class="verify">{letter.verification_note}</p>' in html
    assert "核验码：" in letter.verification_note and reverse("letter-verify") in letter.verification_note


def test_admin_shows_a_letter_with_a_frozen_pdf_without_a_link_to_it(client, agency, officer, make_user):
    letter = issue_letter(make_app(agency), "receipt", actor=officer, on=ON)
    letter_pdf.freeze_pdf(letter)
    client.force_login(make_user("root", superuser=True))
    response = client.get(reverse("admin:letters_letter_change", args=[letter.pk]))
    assert response.status_code == 200
    assert letter.pdf.name not in response.content.decode()  # private: never a URL, not even in the admin
