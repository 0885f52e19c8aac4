"""Crafted files, one per hidden kind of issue 16 item 5, built by the tests themselves."""

from __future__ import annotations

import io
import zipfile

ID_NO = "110105199003077777"
MOBILE = "13812345678"


# ------------------------------------------------------------------------------------------- DOCX


def _docx(build=None) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("关于公布2025年度困难群众临时救助情况的通知")
    if build:
        build(doc)
    doc.core_properties.author = ""
    doc.core_properties.last_modified_by = ""
    doc.core_properties.title = ""
    doc.core_properties.comments = ""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _zip_edit(data: bytes, edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {i.filename: src.read(i) for i in src.infolist()}
    edit(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def docx_plain() -> bytes:
    return _docx()


def docx_comment() -> bytes:
    def build(doc):
        p = doc.add_paragraph("救助对象共12户。")
        doc.add_comment(p.runs, text=f"张某电话{MOBILE}，勿公开", author="李科长", initials="L")
    return _docx(build)


def _raw_paragraph(doc, xml: str) -> None:
    from docx.oxml import parse_xml

    body = doc.element.body
    body.insert(len(body) - 1, parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' + xml + "</w:p>"))


def docx_tracked() -> bytes:
    def build(doc):
        _raw_paragraph(doc, '<w:r><w:t xml:space="preserve">救助对象：</w:t></w:r>'
                       '<w:del w:id="1" w:author="王五" w:date="2025-06-01T00:00:00Z"><w:r>'
                       f'<w:delText>张三，身份证号{ID_NO}</w:delText></w:r></w:del>'
                       '<w:ins w:id="2" w:author="王五" w:date="2025-06-01T00:00:00Z"><w:r><w:t>张某</w:t></w:r></w:ins>')
    return _docx(build)


def docx_hidden() -> bytes:
    def build(doc):
        p = doc.add_paragraph("公开部分。")
        run = p.add_run(f"内部备注：联系人{MOBILE}")
        run.font.hidden = True
    return _docx(build)


def docx_hidden_by_style() -> bytes:
    from docx.enum.style import WD_STYLE_TYPE

    def build(doc):
        style = doc.styles.add_style("内部备注", WD_STYLE_TYPE.CHARACTER)
        style.font.hidden = True
        p = doc.add_paragraph("公开部分。")
        p.add_run(f"联系人{MOBILE}", style="内部备注")
    return _docx(build)


def docx_properties() -> bytes:
    def build(doc):
        doc.core_properties.author = "张三"
    data = _docx(build)

    def edit(parts):
        app = parts["docProps/app.xml"].decode()
        parts["docProps/app.xml"] = app.replace("</Properties>", "<Company>测试市甲局办公室</Company></Properties>").encode()
    data = _zip_edit(data, edit)
    # _docx cleared the author after build: set it again in the XML.
    def author(parts):
        core = parts["docProps/core.xml"].decode()
        core = core.replace("<dc:creator></dc:creator>", "<dc:creator>张三</dc:creator>").replace(
            "<dc:creator/>", "<dc:creator>张三</dc:creator>")
        if "<dc:creator>" not in core:
            core = core.replace("</cp:coreProperties>", "<dc:creator>张三</dc:creator></cp:coreProperties>")
        parts["docProps/core.xml"] = core.encode()
    return _zip_edit(data, author)


def docx_embedded() -> bytes:
    def edit(parts):
        parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0" + "完整名单".encode() * 10
        ct = parts["[Content_Types].xml"].decode()
        parts["[Content_Types].xml"] = ct.replace(
            "</Types>", '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/></Types>').encode()
        rels = parts["word/_rels/document.xml.rels"].decode()
        parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
            '<Relationship Id="rIdOle1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject"'
            ' Target="embeddings/oleObject1.bin"/></Relationships>')).encode()
    return _zip_edit(_docx(), edit)


# ------------------------------------------------------------------------------------------- XLSX


def _xlsx(build) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "公示"
    ws.append(["序号", "姓名", "金额"])
    for n in range(1, 7):
        ws.append([n, f"张某{n}", 500])
    build(wb, ws)
    wb.properties.creator = None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsx_hidden_sheet() -> bytes:
    def build(wb, ws):
        hidden = wb.create_sheet("附表")
        hidden.append(["姓名", "身份证号"])
        hidden.append(["张三", ID_NO])
        hidden.sheet_state = "hidden"
    return _xlsx(build)


def xlsx_very_hidden_sheet() -> bytes:
    def build(wb, ws):
        hidden = wb.create_sheet("底稿")
        hidden.append(["联系电话", MOBILE])
        hidden.sheet_state = "veryHidden"
    return _xlsx(build)


def xlsx_hidden_row() -> bytes:
    def build(wb, ws):
        ws["B5"] = f"张三 {MOBILE}"
        ws.row_dimensions[5].hidden = True
    return _xlsx(build)


def xlsx_hidden_column() -> bytes:
    def build(wb, ws):
        ws["D1"] = "身份证号"
        ws["D2"] = ID_NO
        ws.column_dimensions["D"].hidden = True
    return _xlsx(build)


def xlsx_format_hidden() -> bytes:
    def build(wb, ws):
        ws["E2"] = ID_NO
        ws["E2"].number_format = ";;;"
    return _xlsx(build)


def xlsx_comment() -> bytes:
    from openpyxl.comments import Comment

    def build(wb, ws):
        ws["B2"].comment = Comment(f"本人电话{MOBILE}", "李科长")
    return _xlsx(build)


def xlsx_defined_name() -> bytes:
    from openpyxl.workbook.defined_name import DefinedName

    def build(wb, ws):
        wb.defined_names["内部名单"] = DefinedName("内部名单", attr_text="'公示'!$B$2:$B$7")
    return _xlsx(build)


def xlsx_external_link() -> bytes:
    def edit(parts):
        parts["xl/externalLinks/externalLink1.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<externalBook r:id="rId1"><sheetNames><sheetName val="名单"/></sheetNames><sheetDataSet>'
            f'<sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>{MOBILE}</v></cell></row></sheetData>'
            '</sheetDataSet></externalBook></externalLink>').encode()
        parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath"'
            ' Target="file:///\\\\fileserver\\内部\\低保名单.xlsx" TargetMode="External"/></Relationships>').encode()
        wbx = parts["xl/workbook.xml"].decode()
        parts["xl/workbook.xml"] = wbx.replace("</sheets>", '</sheets><externalReferences><externalReference xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdX1"/></externalReferences>').encode()
        rels = parts["xl/_rels/workbook.xml.rels"].decode()
        parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", (
            '<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink"'
            ' Target="externalLinks/externalLink1.xml"/></Relationships>')).encode()
        ct = parts["[Content_Types].xml"].decode()
        parts["[Content_Types].xml"] = ct.replace("</Types>", (
            '<Override PartName="/xl/externalLinks/externalLink1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>')).encode()
    return _zip_edit(_xlsx(lambda wb, ws: None), edit)


def xlsx_pivot_cache() -> bytes:
    def edit(parts):
        parts["xl/pivotCache/pivotCacheDefinition1.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" recordCount="1">'
            '<cacheSource type="worksheet"><worksheetSource ref="A1:B2" sheet="已删除的原始数据"/></cacheSource>'
            '<cacheFields count="2"><cacheField name="姓名" numFmtId="0"><sharedItems><s v="张三"/></sharedItems></cacheField>'
            f'<cacheField name="身份证号" numFmtId="0"><sharedItems><s v="{ID_NO}"/></sharedItems></cacheField>'
            '</cacheFields></pivotCacheDefinition>').encode()
        ct = parts["[Content_Types].xml"].decode()
        parts["[Content_Types].xml"] = ct.replace("</Types>", (
            '<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"/></Types>')).encode()
    return _zip_edit(_xlsx(lambda wb, ws: None), edit)


def xlsx_plain() -> bytes:
    return _xlsx(lambda wb, ws: None)


# -------------------------------------------------------------------------------------------- PDF


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (1 … n), object 1 the catalog; offsets computed."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(content: str) -> bytes:
    data = content.encode("latin-1")
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def pdf_page(content: str, *, annots: str = "", catalog_extra: str = "", extra: list[bytes] = ()) -> bytes:
    annot_entry = f" /Annots [{annots}]" if annots else ""
    return _pdf([
        f"<< /Type /Catalog /Pages 2 0 R{catalog_extra} >>".encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
         f" /Resources << /Font << /F1 5 0 R >> >>{annot_entry} >>").encode(),
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
    ])


def _text(text: str, y: int = 700) -> str:
    return f"0 g BT /F1 12 Tf 72 {y} Td ({text}) Tj ET\n"


def pdf_plain() -> bytes:
    return pdf_page(_text("Notice on relief payments 2025"))


def pdf_fake_redaction() -> bytes:
    # The ID number drawn in black, then a black box drawn over it: looks redacted, is not.
    return pdf_page(_text("Notice on relief payments 2025", 750) + _text(f"Applicant ID {ID_NO}")
                    + "0 0 0 rg 140 695 160 18 re f\n" + "1 g BT /F1 12 Tf 72 600 Td (Banner) Tj ET\n")


def pdf_white_out() -> bytes:
    """A white box drawn over the text: the page looks blank there."""
    return pdf_page(_text(f"Applicant mobile {MOBILE}") + "1 1 1 rg 60 690 300 30 re f\n")


def pdf_white_on_black() -> bytes:
    """A dark banner with white text on it: visible, not a redaction."""
    return pdf_page("0 0 0 rg 60 690 300 30 re f\n" + "1 g BT /F1 12 Tf 72 700 Td (Public notice banner) Tj ET\n")


def pdf_annotation() -> bytes:
    return pdf_page(_text("Notice"), annots="6 0 R",
                    extra=[f"<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /T (Li) /Contents (call {MOBILE}) >>".encode()])


def pdf_embedded_file() -> bytes:
    return pdf_page(_text("Notice"), catalog_extra=" /Names << /EmbeddedFiles << /Names [(list.txt) 6 0 R] >> >>",
                    extra=[b"<< /Type /Filespec /F (list.txt) /EF << /F 7 0 R >> >>",
                           b"<< /Type /EmbeddedFile /Length 26 >>\nstream\nZhang San " + MOBILE.encode()
                           + b"\nendstream"])


def pdf_metadata() -> bytes:
    data = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(_text("Notice")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Author (Zhang San) /Producer (Test) >>",
    ])
    return data.replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Info 6 0 R >>")


def pdf_incremental() -> bytes:
    """An earlier revision with the mobile number, then an incremental save replacing the page text."""
    first = pdf_page(_text(f"Draft: contact {MOBILE}"))
    xref_at = int(first.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    new = _stream(_text("Final: contact the office"))
    offset = len(first)
    update = b"4 0 obj\n" + new + b"\nendobj\n"
    xref = offset + len(update)
    update += f"xref\n4 1\n{offset:010d} 00000 n \n".encode()
    update += f"trailer\n<< /Size 6 /Root 1 0 R /Prev {xref_at} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return first + update


# ------------------------------------------------------------------------------------------ image


def jpeg_with_gps() -> bytes:
    from PIL import Image

    img = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x013B] = "Zhang San"
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 20.0), 3: "E", 4: (116.0, 23.0, 29.0)}
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_plain() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 200)).save(out, format="PNG")
    return out.getvalue()
