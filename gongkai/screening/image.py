"""Images (PNG, JPEG): EXIF (camera, time, software, the author) and above all GPS coordinates of
where a photo was taken; PNG text chunks. ``clean`` keeps the pixels only (turned upright first, as
the EXIF orientation said) and writes them again without any metadata."""

from __future__ import annotations

import io

from . import findings as F

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
TAG_NAMES = {0x010F: "设备制造商", 0x0110: "设备型号", 0x0131: "软件", 0x0132: "修改时间", 0x013B: "作者",
             0x8298: "版权", 0x010E: "图像说明", 0x9C9D: "作者"}
HARMLESS_INFO = {"dpi", "gamma", "aspect", "jfif", "jfif_version", "jfif_density", "jfif_unit", "progressive",
                 "progression", "transparency", "interlace", "srgb", "adobe", "adobe_transform"}


def _gps_text(gps) -> str:
    def deg(values) -> str:
        try:
            d, m, s = (float(v) for v in values)
            return f"{d + m / 60 + s / 3600:.5f}"
        except (TypeError, ValueError, ZeroDivisionError):
            return "?"

    lat, lon = gps.get(2), gps.get(4)
    if lat and lon:
        return f"纬度 {deg(lat)}{gps.get(1, '')}，经度 {deg(lon)}{gps.get(3, '')}"
    return "（坐标数据）"


def inspect(data: bytes) -> F.Report:
    from PIL import Image

    report = F.Report(masks_visible=False)
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
        gps = exif.get_ifd(GPS_IFD)
        if gps:
            report.add(F.GPS, "图片元数据：拍摄地点坐标", _gps_text(gps))
        tags = {k: v for k, v in exif.items() if k not in (GPS_IFD, EXIF_IFD)}
        sub = exif.get_ifd(EXIF_IFD)
        if tags or sub:
            shown = "；".join(f"{TAG_NAMES.get(k, hex(k))}：{str(v)[:40]}" for k, v in tags.items() if k in TAG_NAMES)
            report.add(F.EXIF, "图片元数据：拍摄信息", shown or f"{len(tags) + len(sub)} 项拍摄参数", severity=F.MEDIUM)
        extra = {k: v for k, v in img.info.items() if k not in HARMLESS_INFO and k not in ("exif", "icc_profile")}
        for key, value in extra.items():
            report.add(F.METADATA, f"图像附加信息：{str(key)[:30]}", str(value)[:500], severity=F.MEDIUM)
    return report


def clean(data: bytes) -> bytes:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as img:
        fmt = img.format
        upright = ImageOps.exif_transpose(img)
        pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())
        if fmt == "JPEG" and pixels.mode not in ("RGB", "L", "CMYK"):
            pixels = pixels.convert("RGB")
        if fmt == "PNG" and "transparency" in img.info and pixels.mode in ("P", "L", "RGB"):
            pixels.info["transparency"] = img.info["transparency"]
        if pixels.mode == "P":
            pixels.putpalette(upright.getpalette())
        out = io.BytesIO()
        pixels.save(out, format=fmt, **({"quality": 92} if fmt == "JPEG" else {}))
        return out.getvalue()
