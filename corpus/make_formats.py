"""(Re)generate corpus/sample_city/formats/ and formats.json from source/*.txt.

The UTF-8 texts in source/ are the reference; every file made here carries the
same document in another shape a parser meets in real life: Word files (plain
paragraphs, automatic numbering, a staffing table), PDFs with wrapped lines,
running headers and page numbers, legacy encodings, traditional characters and
a web page with site chrome around the article.

    .venv/bin/python corpus/make_formats.py

The output is deterministic: fixed document metadata, fixed ZIP timestamps and
a fixed PDF creation date, so re-running gives byte-identical files.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import zipfile
from pathlib import Path

import opencc
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos

HERE = Path(__file__).resolve().parent
CITY = HERE / "sample_city"
SRC = CITY / "source"
OUT = CITY / "formats"

FIXED = dt.datetime(2019, 3, 1, 9, 0, 0, tzinfo=dt.timezone.utc)
ZIP_DATE = (2019, 3, 1, 9, 0, 0)
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
RUNNING_HEADER = "示例市机构编制文件"

LABEL = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


# ---------------------------------------------------------------- helpers
def read(name: str) -> list[str]:
    return (SRC / name).read_text(encoding="utf-8").splitlines()


def department(lines: list[str]) -> str:
    title = next(line for line in lines if line.startswith("示例") and line.endswith("规定") and "关于印发" not in line)
    return re.sub(r"(职能配置、内设机构和人员编制规定|主要职责内设机构和人员编制规定)$", "", title)


def title_index(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines)
                if line.startswith("示例") and line.endswith("规定") and "关于印发" not in line)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP (docx) with fixed timestamps so output is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return buf.getvalue()


# ---------------------------------------------------------------- docx
def new_document(dept: str) -> Document:
    doc = Document()
    cp = doc.core_properties
    cp.author = "示例市委编办"
    cp.last_modified_by = "示例市委编办"
    cp.title = f"{dept}职能配置、内设机构和人员编制规定"
    cp.created = FIXED.replace(tzinfo=None)
    cp.modified = FIXED.replace(tzinfo=None)
    cp.last_printed = FIXED.replace(tzinfo=None)
    cp.revision = 3
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)          # 三号, as official documents use
    normal.font.name = "FangSong"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    normal.paragraph_format.first_line_indent = Pt(32)
    normal.paragraph_format.space_after = Pt(0)
    return doc


def add_title(doc: Document, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(22)
    run.font.name = "SimSun"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "方正小标宋简体")


def save_docx(doc: Document, path: Path) -> None:
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue()))


def plain_docx(name: str, out: str) -> str:
    """One Word paragraph per text line, labels kept in the text."""
    lines = read(name)
    dept = department(lines)
    doc = new_document(dept)
    ti = title_index(lines)
    for i, line in enumerate(lines):
        if i == ti:
            add_title(doc, line)
        else:
            doc.add_paragraph(line)
    save_docx(doc, OUT / out)
    return dept


def _w(tag: str, **attrs) -> OxmlElement:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    return el


def add_chinese_numbering(doc: Document, abstract_id: int, num_id: int,
                          style_id: str | None = None, restart: bool = True) -> None:
    """Append an abstractNum (（一）（二）… chineseCounting) and a num to numbering.xml."""
    numbering = doc.part.numbering_part.element
    absn = _w("w:abstractNum", abstractNumId=abstract_id)
    absn.append(_w("w:nsid", val=f"5D1A{abstract_id:04X}"))
    absn.append(_w("w:multiLevelType", val="singleLevel"))
    absn.append(_w("w:tmpl", val=f"7E2B{abstract_id:04X}"))
    lvl = _w("w:lvl", ilvl=0)
    lvl.append(_w("w:start", val=1))
    lvl.append(_w("w:numFmt", val="chineseCounting"))
    if style_id:
        lvl.append(_w("w:pStyle", val=style_id))
    lvl.append(_w("w:suff", val="nothing"))
    lvl.append(_w("w:lvlText", val="（%1）"))
    lvl.append(_w("w:lvlJc", val="left"))
    ppr = _w("w:pPr")
    ppr.append(_w("w:ind", left=0, firstLine=640))
    lvl.append(ppr)
    absn.append(lvl)
    # schema order: all abstractNum elements precede all num elements
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    num = _w("w:num", numId=num_id)
    num.append(_w("w:abstractNumId", val=abstract_id))
    if restart:
        override = _w("w:lvlOverride", ilvl=0)
        override.append(_w("w:startOverride", val=1))
        num.append(override)
    numbering.append(num)


def set_num(paragraph, num_id: int) -> None:
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id


def autonumber_docx(name: str, out: str) -> str:
    """Article-style document whose duty and division lists use Word numbering.

    The （一） labels are removed from the paragraph text.  Duties carry the
    numbering directly (w:numPr on each paragraph, numId 901); divisions get it
    from the custom paragraph style 内设机构条目 whose pPr holds numPr (numId 902,
    abstractNum linked back to the style by w:pStyle).
    """
    lines = read(name)
    dept = department(lines)
    doc = new_document(dept)
    style = doc.styles.add_style("内设机构条目", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.element.set(qn("w:customStyle"), "1")
    style.style_id = "DivisionItem"      # ASCII id, as Word writes for custom styles
    style_id = style.style_id
    add_chinese_numbering(doc, 901, 901)
    add_chinese_numbering(doc, 902, 902, style_id=style_id)
    spr = style.element.get_or_add_pPr()
    snum = spr.get_or_add_numPr()
    snum.get_or_add_ilvl().val = 0
    snum.get_or_add_numId().val = 902

    ti = title_index(lines)
    part = "head"
    for i, line in enumerate(lines):
        if i == ti:
            add_title(doc, line)
            continue
        if "主要职责是" in line:
            part = "duties"
        elif line.startswith("第四条"):
            part = "divisions"
        elif line.startswith("第五条"):
            part = "tail"
        m = LABEL.match(line)
        if m and part == "duties":
            p = doc.add_paragraph(line[m.end():])
            set_num(p, 901)
        elif m and part == "divisions":
            doc.add_paragraph(line[m.end():], style="内设机构条目")
        else:
            doc.add_paragraph(line)
    save_docx(doc, OUT / out)
    return dept


STAFFING_TABLE = re.compile(r"^(第五条 )(.+?机关行政编制\d+名)。设(.+?)；(科级领导职数.+?)。$")


def table_docx(name: str, out: str) -> str:
    """Plain paragraphs, but the staffing article is given as a 职务/职数 table."""
    lines = read(name)
    dept = department(lines)
    doc = new_document(dept)
    ti = title_index(lines)
    for i, line in enumerate(lines):
        if i == ti:
            add_title(doc, line)
            continue
        m = STAFFING_TABLE.match(line)
        if not m:
            doc.add_paragraph(line)
            continue
        doc.add_paragraph(f"{m.group(1)}{m.group(2)}。领导职数如下：")
        rows = [("职务", "职数")]
        for part in re.split(r"，(?![^（]*）)", m.group(3)):
            pm = re.match(r"(.+?)(\d+名.*)$", part)
            rows.append((pm.group(1), pm.group(2)))
        km = re.match(r"(科级领导职数)(\d+名.*)$", m.group(4))
        rows.append((km.group(1), km.group(2)))
        table = doc.add_table(rows=len(rows), cols=2)
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r, (a, b) in enumerate(rows):
            for c, text in enumerate((a, b)):
                cell = table.cell(r, c)
                cell.text = text
                cell.paragraphs[0].paragraph_format.first_line_indent = Pt(0)
                if r == 0:
                    cell.paragraphs[0].runs[0].bold = True
    save_docx(doc, OUT / out)
    return dept


# ---------------------------------------------------------------- pdf
class GovPDF(FPDF):
    def header(self) -> None:
        self.set_font("cjk", size=9)
        self.set_text_color(150, 0, 0)
        self.cell(0, 6, RUNNING_HEADER, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = self.get_y()
        self.set_draw_color(150, 0, 0)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_text_color(0, 0, 0)
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font("cjk", size=11)
        self.cell(0, 8, f"- {self.page_no()} -", align="C")


def make_pdf(name: str, out: str, size: float = 12) -> tuple[str, int]:
    lines = read(name)
    dept = department(lines)
    pdf = GovPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED)
    pdf.set_creator("示例市委编办公文系统")
    pdf.set_author("示例市委机构编制委员会办公室")
    pdf.set_title(f"{dept}职能配置、内设机构和人员编制规定")
    pdf.set_producer("sanding corpus/make_formats.py")
    pdf.add_font("cjk", "", str(CJK_FONT), collection_font_number=0)
    pdf.set_margins(28, 20, 26)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    line_h = size * 0.3528 * 1.6          # pt -> mm, 1.6 line spacing
    ti = title_index(lines)
    for i, line in enumerate(lines):
        if i == ti:
            pdf.set_font("cjk", size=size + 6)
            pdf.multi_cell(0, (size + 6) * 0.3528 * 1.5, line, align="C", wrapmode=WrapMode.CHAR,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(line_h / 2)
            continue
        pdf.set_font("cjk", size=size)
        text = line if i < ti and i < 2 else "\u3000\u3000" + line
        pdf.multi_cell(0, line_h, text, align="L", wrapmode=WrapMode.CHAR,
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(OUT / out))
    return dept, pdf.page_no()


# ---------------------------------------------------------------- text encodings
def write_text(name: str, out: str, encoding: str, newline: str = "\n",
               transform=None) -> str:
    text = (SRC / name).read_text(encoding="utf-8")
    if transform:
        text = transform(text)
    text = text.replace("\n", newline)
    (OUT / out).write_bytes(text.encode(encoding))
    return department(read(name))


_S2T = opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return _S2T.convert(text)


# OpenCC's s2t output uses a few character forms that Big5 lacks; Big5 text
# in the wild has the Taiwan-standard variant of the same character instead.
BIG5_VARIANTS = str.maketrans({"爲": "為", "僞": "偽", "羣": "群", "衆": "眾", "着": "著", "牀": "床"})


def to_traditional_big5(text: str) -> str:
    return to_traditional(text).translate(BIG5_VARIANTS)


# ---------------------------------------------------------------- html
# A backslash ending a line inside the template continues that line: the page is one long
# line there, the source stays within 120 columns.
HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="示例市人民政府">
<meta name="SiteDomain" content="www.shili.gov.cn">
<meta name="SiteIDCode" content="3799000001">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2019-02-25 10:30">
<meta name="ContentSource" content="示例市委编办">
<title>{title}_机构职能_示例市人民政府</title>
<link rel="stylesheet" href="/static/css/common.css">
<script src="/static/js/jquery.min.js"></script>
</head>
<body>
<div class="topbar"><span>今天是：2019年2月25日 星期一</span> <a href="/">设为首页</a> | <a href="/">加入收藏</a> | \
<a href="/wza/">无障碍浏览</a> | <a href="/zh-tw/">繁体版</a></div>
<header class="site-header">
  <div class="logo"><img src="/static/img/logo.png" alt="示例市人民政府"><span class="site-name">示例市人民政府</span>\
<span class="site-name-en">The People's Government of Shili City</span></div>
  <form class="search" action="/search/"><input type="text" name="q" placeholder="请输入关键词">\
<button type="submit">搜索</button></form>
</header>
<nav class="main-nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/zjsl/">走进示例</a></li>
    <li><a href="/ztzl/">专题专栏</a></li>
  </ul>
</nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; \
<a href="/zwgk/jgzn/">机构职能</a> &gt; 正文</div>
<div class="main">
<aside class="sidebar">
  <h3>政务公开</h3>
  <ul><li><a href="/zwgk/jgzn/">机构职能</a></li><li><a href="/zwgk/zcwj/">政策文件</a></li><li>\
<a href="/zwgk/rsxx/">人事信息</a></li><li><a href="/zwgk/czzj/">财政资金</a></li></ul>
</aside>
<article class="article">
  <table class="meta-table">
    <tr><td>索引号：</td><td>11370900MB1234567X/2019-00123</td><td>发布机构：</td><td>示例市人民政府办公室</td></tr>
    <tr><td>发文日期：</td><td>2019-02-22</td><td>主题分类：</td><td>机构职能</td></tr>
    <tr><td>文号：</td><td>示办发〔2019〕15号</td><td>有效性：</td><td>有效</td></tr>
  </table>
  <h1 class="article-title">{title}</h1>
  <div class="article-info">发布时间：2019-02-25 10:30　来源：示例市委编办　浏览次数：<span id="hits">1386\
</span>　字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</div>
  <div class="article-content" id="zoom">
{body}
  </div>
  <div class="share-bar">分享到：<a class="share-wx" href="#">微信</a> <a class="share-wb" href="#">微博</a> \
<a class="share-qz" href="#">QQ空间</a></div>
  <div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> \
<a href="javascript:window.close()">【关闭窗口】</a></div>
  <div class="related"><h4>相关文章</h4><ul><li>\
<a href="/zwgk/jgzn/201902/t20190220_1001.html">示例市市场监督管理局职能配置、内设机构和人员编制规定</a></li><li>\
<a href="/zwgk/jgzn/201902/t20190218_1000.html">示例市发展和改革委员会职能配置、内设机构和人员编制规定</a></li></ul>\
</div>
</article>
</div>
<footer class="site-footer">
  <p><a href="/about/">关于本网</a> | <a href="/map/">网站地图</a> | <a href="/contact/">联系我们</a></p>
  <p>主办单位：示例市人民政府办公室　承办单位：示例市大数据中心</p>
  <p>版权所有：示例市人民政府　网站标识码：3799000001　示ICP备19000001号　示公网安备 37990002000001号</p>
  <p>地址：示例市人民路1号　邮编：999001　建议使用1366×768分辨率浏览</p>
</footer>
<script>var _hmt = _hmt || [];</script>
</body>
</html>
"""


def make_html(name: str, out: str) -> str:
    lines = read(name)
    dept = department(lines)
    ti = title_index(lines)
    body = []
    for i, line in enumerate(lines):
        esc = html.escape(line, quote=False)
        if i == ti:
            body.append(f'<p style="text-align:center"><strong>{esc}</strong></p>')
        elif i < ti and i in (0,):
            continue            # the 通知 title is the page <h1>
        elif i < ti and (line.startswith("中共示例市委办公室") or line.startswith("示例市人民政府办公室")
                         or re.match(r"^\d{4}年", line)):
            body.append(f'<p style="text-align:right">{esc}</p>')
        else:
            body.append(f'<p style="text-indent:2em">{esc}</p>')
    title = lines[0]
    page = HTML_PAGE.format(title=html.escape(title, quote=True),
                            body="\n".join("    " + b for b in body))
    (OUT / out).write_text(page, encoding="utf-8")
    return dept


# ---------------------------------------------------------------- main
def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    manifest = []

    def add(out: str, name: str, dept: str, fmt: str, notes: str) -> None:
        manifest.append({"file": f"formats/{out}", "source": f"source/{name}",
                         "department": dept, "format": fmt, "notes": notes})

    # Word
    n = "01_shichang_jianguan.txt"
    add("01_shichang_jianguan.docx", n, plain_docx(n, "01_shichang_jianguan.docx"), "docx",
        "plain paragraphs, one per source line; labels in the text; 通知 wrapper")
    n = "02_nongye_nongcun.txt"
    add("02_nongye_nongcun.docx", n, autonumber_docx(n, "02_nongye_nongcun.docx"), "docx",
        "auto numbering: duty labels removed, w:numPr on each duty paragraph (numId 901, chineseCounting "
        "（%1）); division labels removed, numbering via paragraph style 内设机构条目 (numId 902, restarts at 1)")
    n = "06_zhufang_jianshe.txt"
    add("06_zhufang_jianshe.docx", n, plain_docx(n, "06_zhufang_jianshe.docx"), "docx",
        "plain paragraphs; 通知 wrapper; numbered 有关职责分工 statements on separate lines")
    n = "10_jiaoyu.txt"
    add("10_jiaoyu.docx", n, plain_docx(n, "10_jiaoyu.docx"), "docx",
        "2010 section style; division name and its paragraph are separate Word paragraphs")
    n = "15_fazhan_gaige.txt"
    add("15_fazhan_gaige.docx", n, table_docx(n, "15_fazhan_gaige.docx"), "docx",
        "staffing (第五条) split into a sentence and a 2-column 职务/职数 table")
    n = "16_xingzheng_shenpi.txt"
    add("16_xingzheng_shenpi.docx", n, plain_docx(n, "16_xingzheng_shenpi.docx"), "docx",
        "plain paragraphs; 有关职责分工 statements run together in one paragraph")

    # PDF
    for n, size in (("01_shichang_jianguan.txt", 14), ("03_shengtai_huanjing.txt", 12),
                    ("05_ziran_ziyuan.txt", 12), ("08_yingji_guanli.txt", 12),
                    ("09_weisheng_jiankang.txt", 13), ("14_jiaotong_yunshu.txt", 12)):
        out = n.replace(".txt", ".pdf")
        dept, pages = make_pdf(n, out, size)
        add(out, n, dept, "pdf",
            f"A4, {size}pt WenQuanYi Micro Hei, {pages} pages; lines wrapped inside sentences; "
            f"running header 「{RUNNING_HEADER}」 and footer page numbers 「- N -」; paragraphs indented "
            "with two ideographic spaces")

    # encodings
    n = "04_shuili.txt"
    add("04_shuili.gb18030.txt", n, write_text(n, "04_shuili.gb18030.txt", "gb18030", "\r\n"),
        "gb18030", "GB18030, CRLF line ends, no BOM")
    n = "12_shangwu.txt"
    add("12_shangwu.gb18030.txt", n, write_text(n, "12_shangwu.gb18030.txt", "gb18030", "\r\n"),
        "gb18030", "GB18030, CRLF line ends, no BOM")
    n = "11_wenhua_lvyou.txt"
    add("11_wenhua_lvyou.utf8bom.txt", n, write_text(n, "11_wenhua_lvyou.utf8bom.txt", "utf-8-sig"),
        "utf8-bom", "UTF-8 with BOM")
    n = "13_gongan.txt"
    add("13_gongan.utf16.txt", n, write_text(n, "13_gongan.utf16.txt", "utf-16", "\r\n"),
        "utf16", "UTF-16 little endian with BOM, CRLF line ends")
    n = "14_jiaotong_yunshu.txt"
    add("14_jiaotong_yunshu.zh-hant.txt", n,
        write_text(n, "14_jiaotong_yunshu.zh-hant.txt", "utf-8", transform=to_traditional),
        "traditional", "traditional characters (OpenCC s2t), UTF-8; half-width punctuation as in source")
    n = "17_xian_shichang_jianguan.txt"
    add("17_xian_shichang_jianguan.zh-hant.txt", n,
        write_text(n, "17_xian_shichang_jianguan.zh-hant.txt", "utf-8", transform=to_traditional),
        "traditional", "traditional characters (OpenCC s2t), UTF-8; county government 示例县")
    add("17_xian_shichang_jianguan.big5.txt", n,
        write_text(n, "17_xian_shichang_jianguan.big5.txt", "big5", "\r\n", transform=to_traditional_big5),
        "big5", "traditional characters (OpenCC s2t, then 爲→為 and 僞→偽 so that every character "
        "exists in Big5) encoded as Big5, CRLF line ends")

    # web page
    n = "06_zhufang_jianshe.txt"
    add("06_zhufang_jianshe.html", n, make_html(n, "06_zhufang_jianshe.html"), "html",
        "government portal page: topbar, header, <nav>, breadcrumb, sidebar, metadata table, share bar, "
        "related links and footer with 版权所有/网站标识码 around the article; 通知 title as <h1>")

    (CITY / "formats.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
    print(f"{len(manifest)} files written to {OUT.relative_to(HERE.parent)}")
    verify(manifest)


def verify(manifest: list[dict]) -> None:
    """Read every generated file back and compare it with its source text."""
    encodings = {"gb18030": "gb18030", "utf8-bom": "utf-8-sig", "utf16": "utf-16",
                 "traditional": "utf-8", "big5": "big5"}
    for m in manifest:
        path = CITY / m["file"]
        src = (CITY / m["source"]).read_text(encoding="utf-8")
        flat = src.replace("\n", "")
        if m["format"] in encodings:
            got = path.read_bytes().decode(encodings[m["format"]]).replace("\r\n", "\n")
            if m["format"] == "traditional":
                assert got == to_traditional(src), m["file"]
            elif m["format"] == "big5":
                assert got == to_traditional_big5(src), m["file"]
            else:
                assert got == src, m["file"]
        elif m["format"] == "docx":
            doc = Document(str(path))
            text = "".join(p.text for p in doc.paragraphs)
            if "auto numbering" in m["notes"]:
                assert not any(LABEL.match(p.text) for p in doc.paragraphs), m["file"]
                flat = "".join(LABEL.sub("", line) for line in src.splitlines())
            if doc.tables:
                text += "".join(c.text for row in doc.tables[0].rows for c in row.cells)
                assert "职务" in text, m["file"]
            else:
                assert text == flat, m["file"]
        elif m["format"] == "pdf":
            import pypdfium2 as pdfium
            pdf = pdfium.PdfDocument(str(path))
            pages = []
            for i in range(len(pdf)):
                t = pdf[i].get_textpage().get_text_range().replace("\r", "")
                pages.append("".join(line for line in t.split("\n")
                                     if line.strip() not in (RUNNING_HEADER, f"- {i + 1} -")))
            assert "".join(pages).replace("\u3000", "") == flat, m["file"]
        elif m["format"] == "html":
            body = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))
            assert html.escape(src.splitlines()[-1], quote=False) in body, m["file"]
    print("verified: every file reads back to its source text")


if __name__ == "__main__":
    main()
