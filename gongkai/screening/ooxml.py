"""Shared plumbing of the OOXML inspectors and cleaners (DOCX, XLSX): parse a part safely, rewrite a
package without some parts (and their relationships and content types), read the document properties."""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from . import findings as F

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE = "docProps/core.xml"
APP = "docProps/app.xml"
CUSTOM = "docProps/custom.xml"
# Core properties that name people or say what the file is about (dc:title is the title shown in
# Explorer, often a leftover from the template the draft was made from).
CORE_FIELDS = {"creator": "作者", "lastModifiedBy": "最后修改者", "title": "标题", "subject": "主题",
               "keywords": "关键词", "description": "备注", "category": "类别", "contentStatus": "状态"}
APP_FIELDS = {"Company": "单位", "Manager": "经理"}


def xml(data: bytes):
    return etree.fromstring(data, PARSER)


def dump(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def read_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}


def write_parts(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        order = ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]
        for name in order:
            if name in parts:
                z.writestr(name, parts[name])
    return out.getvalue()


def property_findings(parts: dict[str, bytes], report: F.Report) -> None:
    """文档属性: author, last editor, company … in docProps/core.xml, app.xml and custom.xml."""
    if CORE in parts:
        for el in xml(parts[CORE]):
            name = local(el.tag)
            if name in CORE_FIELDS and (el.text or "").strip():
                report.add(F.PROPERTIES, f"文档属性：{CORE_FIELDS[name]}", el.text.strip(), severity=F.MEDIUM)
    if APP in parts:
        for el in xml(parts[APP]):
            name = local(el.tag)
            if name in APP_FIELDS and (el.text or "").strip():
                report.add(F.PROPERTIES, f"文档属性：{APP_FIELDS[name]}", el.text.strip(), severity=F.MEDIUM)
    if CUSTOM in parts:
        for prop in xml(parts[CUSTOM]):
            value = "".join(prop.itertext()).strip()
            report.add(F.PROPERTIES, f"自定义属性：{prop.get('name', '')[:40]}", value, severity=F.MEDIUM)


def clear_properties(parts: dict[str, bytes]) -> None:
    """Empty the people and subject fields of core.xml and app.xml; drop custom.xml."""
    if CORE in parts:
        root = xml(parts[CORE])
        for el in list(root):
            if local(el.tag) in CORE_FIELDS:
                root.remove(el)
        parts[CORE] = dump(root)
    if APP in parts:
        root = xml(parts[APP])
        for el in list(root):
            if local(el.tag) in APP_FIELDS:
                root.remove(el)
        parts[APP] = dump(root)
    drop_parts(parts, {CUSTOM})


def _rels_of(name: str) -> str:
    folder, base = posixpath.split(name)
    return posixpath.join(folder, "_rels", base + ".rels")


def drop_parts(parts: dict[str, bytes], names: set[str]) -> None:
    """Remove ``names`` with their own relationships, every relationship pointing at them and their
    content-type overrides."""
    names = {n for n in names if n in parts}
    if not names:
        return
    for name in names:
        parts.pop(name, None)
        parts.pop(_rels_of(name), None)
    for rels_name in [n for n in parts if n.endswith(".rels")]:
        source_dir = posixpath.dirname(posixpath.dirname(rels_name))
        root = xml(parts[rels_name])
        changed = False
        for rel in list(root):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(source_dir, target))
            if full in names:
                root.remove(rel)
                changed = True
        if changed:
            parts[rels_name] = dump(root)
    if "[Content_Types].xml" in parts:
        root = xml(parts["[Content_Types].xml"])
        for el in list(root):
            if local(el.tag) == "Override" and el.get("PartName", "").lstrip("/") in names:
                root.remove(el)
        parts["[Content_Types].xml"] = dump(root)
