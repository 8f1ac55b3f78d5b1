#!/usr/bin/env python3
"""Make the Word, web-page and PDF fixtures of tests/fixtures/inputs/ from the five seeds.

For every seed tests/fixtures/00N_hash.txt this writes into tests/fixtures/inputs/:

  00N_hash.docx       hand-written OOXML (zipfile): one paragraph per non-empty seed line,
                      each table nianbao reads as a real Word table in the official layout
                      (gridSpan / vMerge merges), labels and values exactly as in the seed.
  00N_hash.utf8.html  the same content as a government web page (nav, header, footer,
                      script around <div class="article-content">), tables with
                      rowspan/colspan, UTF-8.
  00N_hash.gbk.html   the same page declared charset=gb2312 and encoded GB18030.
  00N_hash.pdf        the .docx printed to PDF by LibreOffice (soffice --headless).

and the unreadable files of tests/fixtures/inputs/bad/ (see README.md there).

Where the tables are and what they hold comes from nianbao itself: `nianbao tables --format
json SEED` gives, per table, its byte range and per row the label's and each cell's byte
range in the seed. Header cells (section rows of table 1, the three header rows of tables 2
and 3) are the seed's own header text, matched in order to the official header cells by
length (so `商業`+`企業` make one cell, as do OCR fragments like `本年新`+`公开数量`). Every
character of a table's lines must end up in a header, label or value cell, or the script
stops: nothing of the seed is dropped silently. A table nianbao reads without a single number
(seed 002's tables 2 and 3) is not made a table: its lines stay paragraphs, as in the seed.

Usage (from the repository root; needs a nianbao built with ranges in `tables --format json`,
LibreOffice for the PDF step, qpdf for bad/encrypted.pdf):

    NIANBAO=target/release/nianbao python3 scripts/make_input_fixtures.py

The .docx and .html outputs and most bad files are byte-for-byte reproducible; the PDFs and
bad/old-word.docx, bad/encrypted.pdf come from LibreOffice/qpdf and carry their time stamps.
CI does not run this script: the outputs are committed.
"""

import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures"
OUT = SEEDS / "inputs"
BAD = OUT / "bad"
NIANBAO = os.environ.get("NIANBAO", str(ROOT / "target" / "release" / "nianbao"))
FORMATS = {
    y: json.loads((ROOT / "src" / "format" / "data" / f"{y}.json").read_text("utf-8"))
    for y in ("2019", "2021")
}
DATE = (2024, 1, 1, 0, 0, 0)

# The web site each seed was published on (chrome only; the article is the seed's text).
SITES = {
    "000": {"org": "保山市卫生健康委员会", "gov": "保山市人民政府", "trad": False},
    "001": {"org": "貴陽市衛生健康局", "gov": "貴陽市人民政府", "trad": True},
    "002": {"org": "海东市卫生健康委员会", "gov": "海东市人民政府", "trad": False},
    "003": {"org": "和田地区卫生健康委员会", "gov": "和田地区行政公署", "trad": False},
    "004": {"org": "济南市卫生健康委员会", "gov": "济南市人民政府", "trad": False},
}


def die(msg):
    sys.exit(f"make_input_fixtures: {msg}")


# ---------------------------------------------------------------------------------------------
# Reading a seed: its lines, and its tables as nianbao reads them.

WS = "\t\n\r \u00a0\u3000"


def ink(s):
    """The visible characters of a text (no white space, no pipe)."""
    return re.sub(r"[\s\u00a0\u3000|]", "", s)


class Seed:
    def __init__(self, path):
        self.path = path
        self.name = path.stem  # 00N_hash
        self.num = self.name[:3]
        self.bytes = path.read_bytes()
        self.text = self.bytes.decode("utf-8")
        if self.text.startswith("\ufeff"):
            die(f"{path}: a BOM would shift nianbao's byte offsets")
        out = subprocess.run(
            [NIANBAO, "tables", "--format", "json", str(path)],
            check=True,
            capture_output=True,
        ).stdout
        self.tables = json.loads(out)["tables"]
        for t in self.tables:
            if "range" not in t:
                die(f"{NIANBAO} gives no byte ranges: build nianbao from this branch")

    def at(self, r):
        return self.bytes[r[0] : r[1]].decode("utf-8")

    def line_start(self, b):
        return self.bytes.rfind(b"\n", 0, b) + 1

    def line_end(self, b):
        e = self.bytes.find(b"\n", b)
        return len(self.bytes) if e < 0 else e + 1

    def fragments(self, a, b):
        """Pieces of text in [a, b) between tabs, pipes and line ends, trimmed, with ranges."""
        out = []
        for m in re.finditer(rb"[^\t\n|]+", self.bytes[a:b]):
            s = m.group().decode("utf-8")
            lead = len(s) - len(s.lstrip(WS))
            core = s.strip(WS)
            if core:
                start = a + m.start() + len(s[:lead].encode())
                out.append((core, (start, start + len(core.encode()))))
        return out


def lines_of(s):
    """A label or value cell's text as the lines of a table cell."""
    return [p.strip(WS) for p in re.split(r"[\n\t|]", s) if p.strip(WS)]


def group(frags, labels, where):
    """Match the seed's header fragments, in order, to the official header cells by length."""
    out, i = [], 0
    for lab in labels:
        need, got, n = len(ink(lab)), [], 0
        while n < need:
            if i >= len(frags):
                die(f"{where}: the header runs out before 「{lab}」: {[f[0] for f in frags]}")
            got.append(frags[i])
            n += len(ink(frags[i][0]))
            i += 1
        out.append(got)
    if i != len(frags):
        die(f"{where}: header text left over: {[f[0] for f in frags[i:]]}")
    return out


# ---------------------------------------------------------------------------------------------
# The official layouts as grids of merged cells.


class Cell:
    def __init__(self, row, col, lines, role, colspan=1, rowspan=1):
        self.row, self.col = row, col
        self.lines = lines  # the cell's text, one entry per line / paragraph in the cell
        self.role = role  # "section", "head", "label" or "value"
        self.colspan, self.rowspan = colspan, rowspan


class Grid:
    def __init__(self, tid, widths, size, landscape=False):
        self.tid = tid
        self.landscape = landscape  # printed on a landscape page (tables 2 and 3)
        self.widths = widths  # twips per grid column
        self.size = size  # font size in half points
        self.cells = []
        self.nrows = 0

    def add(self, row, col, lines, role, colspan=1, rowspan=1):
        self.cells.append(Cell(row, col, lines, role, colspan, rowspan))
        self.nrows = max(self.nrows, row + rowspan)

    def check(self):
        seen = {}
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    if (r, k) in seen or k >= len(self.widths):
                        die(f"{self.tid}: cell overlap or overflow at row {r} col {k}")
                    seen[(r, k)] = c
        if len(seen) != self.nrows * len(self.widths):
            die(f"{self.tid}: grid not fully covered")
        self.at = seen


class Table:
    """One table nianbao read in a seed, laid out officially."""

    def __init__(self, seed, t):
        self.seed, self.t = seed, t
        self.fmt = FORMATS[t["format"]]
        self.spec = next(x for x in self.fmt["tables"] if x["id"] == t["id"])
        self.rows = {r["row"]: r for r in t["rows"]}
        self.used = []  # byte ranges of the seed put into the grid
        where = f"{seed.name} {t['id']}"
        if t["id"] == "t1":
            self.grid = self.blocks(where)
        elif t["id"] == "t2":
            self.grid = self.applications(where)
        else:
            self.grid = self.review(where)
        self.grid.check()
        self.span = self.line_span()
        self.coverage(where)

    # -- pieces of the seed

    def label(self, rid):
        r = self.rows[rid]
        self.used.append(tuple(r["label_range"]))
        return lines_of(self.seed.at(r["label_range"]))

    def values(self, rid, cols):
        r = self.rows[rid]
        out = []
        for c in cols:
            rng = r["cell_ranges"].get(c)
            if rng is None:
                out.append([])
            else:
                self.used.append(tuple(rng))
                out.append(lines_of(self.seed.at(rng)))
        return out

    def heads(self, a, b, labels, where):
        frags = self.seed.fragments(a, b)
        groups = group(frags, labels, where)
        for g in groups:
            for _, rng in g:
                self.used.append(rng)
        return [[f[0] for f in g] for g in groups]

    def row_end(self, rid):
        r = self.rows[rid]
        ends = [r["label_range"][1]] + [v[1] for v in r["cell_ranges"].values() if v]
        return max(ends)

    # -- table 1: 主动公开, four columns, a section row and a header row per 第二十条 block

    def blocks(self, where):
        g = Grid("t1", [3000, 2402, 2402, 2402], 18)
        row, prev_end = 0, self.t["range"][0]
        for b in self.spec["blocks"]:
            rids = [r["id"] for r in b["rows"] if r["id"] in self.rows]
            if not rids:
                continue
            cols = [c["id"] for c in b["columns"]]
            first = self.rows[rids[0]]["label_range"][0]
            official = [b["label"], "信息内容"] + [c["label"] for c in b["columns"]]
            h = self.heads(prev_end, first, official, f"{where} {b['id']}")
            g.add(row, 0, h[0], "section", colspan=4)
            row += 1
            self.cols_row(g, row, h[1], h[2:], "head")
            row += 1
            for rid in rids:
                self.cols_row(g, row, self.label(rid), self.values(rid, cols), "value")
                row += 1
                prev_end = max(prev_end, self.row_end(rid))
        return g

    @staticmethod
    def cols_row(g, row, first, rest, role):
        g.add(row, 0, first, "label" if role == "value" else "head")
        if len(rest) == 1:
            g.add(row, 1, rest[0], role, colspan=3)
        else:
            for i, v in enumerate(rest):
                g.add(row, 1 + i, v, role)
            for i in range(len(rest), 3):
                g.add(row, 1 + i, [], role)

    # -- table 2: 收到和处理申请, three label columns and seven value columns

    def applications(self, where):
        # On a landscape page: every label on one line (the longest, 2.申请人逾期未按收费通知…,
        # has 37 characters), 三、本年度办理结果 too, and 社会公益组织 / 法律服务机构 at 8 pt, so
        # that each row of the table prints as one line of text.
        g = Grid("t2", [1560, 1191, 5924, 850, 850, 850, 1020, 1020, 800, 800], 16, True)
        cols = [c["id"] for c in self.spec["columns"]]
        hl = self.spec["header_labels"]
        official = [hl[0], hl[1], "自然人", hl[2], "总计"] + [
            c["label"] for c in self.spec["columns"][1:6]
        ]
        first = self.t["rows"][0]["label_range"][0]
        h = self.heads(self.t["range"][0], first, official, where)
        g.add(0, 0, h[0], "head", colspan=3, rowspan=3)
        g.add(0, 3, h[1], "head", colspan=7)
        g.add(1, 3, h[2], "head", rowspan=2)
        g.add(1, 4, h[3], "head", colspan=5)
        g.add(1, 9, h[4], "head", rowspan=2)
        for i in range(5):
            g.add(2, 4 + i, h[5 + i], "head")
        spec_rows = {r["id"]: r for r in self.spec["rows"]}
        kids = {}
        for r in self.spec["rows"]:
            kids.setdefault(r.get("parent"), []).append(r["id"])

        def shown(rid):
            """Grid rows a format row takes: its own, or its children's for a group."""
            if spec_rows[rid]["kind"] == "group":
                return sum(shown(k) for k in kids.get(rid, []))
            return 1 if rid in self.rows else 0

        row = 3

        def data(rid, col):
            nonlocal row
            g.add(row, col, self.label(rid), "label", colspan=3 - col)
            for i, v in enumerate(self.values(rid, cols)):
                g.add(row, 3 + i, v, "value")
            row += 1

        def place(rid, col):
            n = shown(rid)
            if n == 0:
                return
            if spec_rows[rid]["kind"] != "group":
                data(rid, col)
                return
            if rid not in self.rows:
                die(f"{where}: group row {rid} not read but its rows are")
            g.add(row, col, self.label(rid), "label", rowspan=n)
            for k in kids[rid]:
                place(k, col + 1)

        for rid in kids[None]:
            place(rid, 0)
        return g

    # -- table 3: 行政复议/行政诉讼, fifteen columns, three header rows, one row of numbers

    def review(self, where):
        g = Grid("t3", [1000] * 15, 16, True)
        spec = self.spec["columns"]
        labels = [c["label"] for c in spec]
        official = ["行政复议", "行政诉讼"] + labels[:5] + ["未经复议直接起诉", "复议后起诉"]
        official += labels[5:]
        r = self.t["rows"][0]
        first = min(v[0] for v in r["cell_ranges"].values() if v)
        h = self.heads(self.t["range"][0], first, official, where)
        g.add(0, 0, h[0], "head", colspan=5)
        g.add(0, 5, h[1], "head", colspan=10)
        for i in range(5):
            g.add(1, i, h[2 + i], "head", rowspan=2)
        g.add(1, 5, h[7], "head", colspan=5)
        g.add(1, 10, h[8], "head", colspan=5)
        for i in range(10):
            g.add(2, 5 + i, h[9 + i], "head")
        if r["label_range"][0] != r["label_range"][1]:
            die(f"{where}: the row of numbers has a label")
        for i, v in enumerate(self.values(r["row"], [c["id"] for c in spec])):
            g.add(3, i, v, "value")
        return g

    # -- which lines of the seed the table replaces

    def line_span(self):
        s = self.seed
        a = s.line_start(self.t["range"][0])
        b = s.line_end(self.t["range"][1])
        junk = re.compile(r"^[\s\u00a0\u3000|]*$")
        while a > 0:
            p = s.line_start(a - 1)
            if not junk.match(s.bytes[p:a].decode()) or not s.bytes[p:a].strip():
                break
            a = p
        while b < len(s.bytes):
            e = s.line_end(b)
            seg = s.bytes[b:e].decode()
            if not junk.match(seg) or not seg.strip():
                break
            b = e
        return a, b

    def coverage(self, where):
        a, b = self.span
        mask = bytearray(self.seed.bytes[a:b])
        for x, y in self.used:
            if x < a or y > b:
                die(f"{where}: a cell at {x}..{y} lies outside the table's lines")
            mask[x - a : y - a] = b" " * (y - x)
        left = ink(mask.decode("utf-8", "replace").replace("\ufffd", ""))
        if left:
            die(f"{where}: seed text not placed in the table: {left!r}")


# ---------------------------------------------------------------------------------------------
# The document: paragraphs and tables in seed order.

PART = re.compile(r"^[一二三四五六七八九十]+、")
SUB = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
DATE_END = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日$")


def build(seed):
    """The seed as blocks: ("p", text, style, align) per non-empty line, ("table", Table) in
    place of the lines of each table with numbers."""
    tables = []
    for t in seed.tables:
        has_number = any(
            isinstance(v, (int, float)) for r in t["rows"] for v in r["cells"].values()
        )
        if has_number:
            tables.append(Table(seed, t))
    tables.sort(key=lambda x: x.span[0])
    for x, y in zip(tables, tables[1:]):
        if x.span[1] > y.span[0]:
            die(f"{seed.name}: tables overlap")
    blocks = []  # ("p", text, style, align) or ("table", Table)
    pos, ti = 0, 0
    title_done = False
    for raw in seed.bytes.split(b"\n"):
        start, pos = pos, pos + len(raw) + 1
        if ti < len(tables) and start >= tables[ti].span[0]:
            if start < tables[ti].span[1]:
                if blocks[-1:] != [("table", tables[ti])]:
                    blocks.append(("table", tables[ti]))
                if pos >= tables[ti].span[1]:
                    ti += 1
                continue
        line = raw.decode("utf-8")
        if not line.strip(WS):
            continue
        # Lines holding tab-separated cells stay as they are (seed 002's unread tables);
        # others lose the indentation and trailing spaces a paragraph does not have.
        text = line.rstrip("\r") if "\t" in line else line.strip(WS)
        style, align = "Normal", None
        # Title, headings and the signature are told by their text; a line of tab-separated
        # cells is none of them, even when it starts with 四、.
        short = len(text) <= 40 and "。" not in text and "\t" not in text
        if not title_done:
            if short and not PART.match(text) and not DATE_END.search(text):
                style = "Title"
            else:
                title_done = True
        if style == "Normal":
            if short and PART.match(text):
                style = "Heading1"
            elif short and SUB.match(text) and len(text) <= 24:
                style = "Heading2"
            elif short and len(text) <= 30 and DATE_END.search(text):
                align = "right"
        blocks.append(["p", text, style, align])
    # The agency's name right above the signature date is signed too.
    for i in range(1, len(blocks)):
        b, prev = blocks[i], blocks[i - 1]
        if b[0] == "p" and b[3] == "right" and prev[0] == "p" and prev[2] == "Normal":
            if len(prev[1]) <= 20 and not re.search(r"[。，,：:]", prev[1]) and "\t" not in prev[1]:
                prev[3] = "right"
    if ti != len(tables):
        die(f"{seed.name}: a table's lines were not reached")
    return [tuple(b) for b in blocks]


# ---------------------------------------------------------------------------------------------
# .docx


def xml_text(s):
    return html.escape(s, quote=False)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>
"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>
"""


def style(sid, name, ppr="", rpr="", kind="paragraph", extra=""):
    return (
        f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>{extra}'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


FONTS = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{}" w:cs="Times New Roman"/>'
BORDERS = "".join(
    f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for s in ("top", "left", "bottom", "right", "insideH", "insideV")
)

STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<w:styles {W_NS}>"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    + FONTS.format("宋体")
    + '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    '<w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    + style("Normal", "Normal", extra='<w:qFormat/>', kind="paragraph").replace(
        'w:styleId="Normal"', 'w:default="1" w:styleId="Normal"'
    )
    + style(
        "Title",
        "Title",
        '<w:jc w:val="center"/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/>',
        FONTS.format("方正小标宋简体") + '<w:b/><w:sz w:val="36"/><w:szCs w:val="36"/>',
        extra='<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>',
    )
    + style(
        "Heading1",
        "heading 1",
        '<w:keepNext/><w:spacing w:before="120" w:after="60"/><w:ind w:firstLine="480"/><w:outlineLvl w:val="0"/>',
        FONTS.format("黑体") + '<w:sz w:val="24"/><w:szCs w:val="24"/>',
        extra='<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>',
    )
    + style(
        "Heading2",
        "heading 2",
        '<w:keepNext/><w:ind w:firstLine="480"/><w:outlineLvl w:val="1"/>',
        FONTS.format("楷体") + '<w:b/><w:sz w:val="24"/><w:szCs w:val="24"/>',
        extra='<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>',
    )
    + style(
        "BodyText",
        "Body Text First Indent",
        '<w:ind w:firstLine="480"/>',
        extra='<w:basedOn w:val="Normal"/><w:qFormat/>',
    )
    + style(
        "TableText",
        "Table Text",
        '<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
        '<w:sz w:val="16"/><w:szCs w:val="16"/>',
        extra='<w:basedOn w:val="Normal"/><w:qFormat/>',
    )
    + '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr></w:style>"
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
    + BORDERS
    + "</w:tblBorders></w:tblPr></w:style>"
    "</w:styles>\n"
)


def run(text, rpr=""):
    """Runs for a line: tabs become <w:tab/>."""
    out = []
    for i, part in enumerate(text.split("\t")):
        if i:
            out.append(f"<w:r>{rpr}<w:tab/></w:r>")
        if part:
            out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(part)}</w:t></w:r>')
    return "".join(out)


def docx_para(text, style_id, align):
    ppr = ""
    if style_id == "Normal":
        style_id = "BodyText" if align is None and "\t" not in text else "Normal"
    if style_id != "Normal":
        ppr += f'<w:pStyle w:val="{style_id}"/>'
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run(text)}</w:p>"


def docx_table(g):
    total = sum(g.widths)
    rpr = f'<w:rPr><w:sz w:val="{g.size}"/><w:szCs w:val="{g.size}"/></w:rPr>'
    out = [
        "<w:tbl><w:tblPr>"
        '<w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{BORDERS}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        "</w:tblPr><w:tblGrid>"
    ]
    out += [f'<w:gridCol w:w="{w}"/>' for w in g.widths]
    out.append("</w:tblGrid>")
    for r in range(g.nrows):
        out.append("<w:tr><w:trPr><w:cantSplit/><w:jc w:val=\"center\"/></w:trPr>")
        k = 0
        while k < len(g.widths):
            c = g.at[(r, k)]
            width = sum(g.widths[c.col : c.col + c.colspan])
            tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if c.colspan > 1:
                tcpr += f'<w:gridSpan w:val="{c.colspan}"/>'
            if c.rowspan > 1:
                tcpr += '<w:vMerge w:val="restart"/>' if c.row == r else "<w:vMerge/>"
            # A group label sits at the top of its merged cell: in print it shares the line of
            # its first row instead of floating between two rows.
            top = c.role == "label" and c.rowspan > 1
            tcpr += f'<w:vAlign w:val="{"top" if top else "center"}"/>'
            jc = "left" if c.role == "label" and c.col + c.colspan == 3 and g.tid == "t2" else "center"
            if c.row == r:
                paras = c.lines or [""]
            else:
                paras = [""]
            body = "".join(
                f'<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{jc}"/>{rpr}</w:pPr>'
                f"{run(t, rpr)}</w:p>"
                for t in paras
            )
            out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{body}</w:tc>")
            k += c.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


PORTRAIT = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="850" w:header="567" w:footer="567" w:gutter="0"/>'
    "</w:sectPr>"
)
LANDSCAPE = (
    '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
    '<w:pgMar w:top="850" w:right="850" w:bottom="850" w:left="850" w:header="567" w:footer="567" w:gutter="0"/>'
    "</w:sectPr>"
)


def document_xml(blocks):
    """The body; the wide tables (2 and 3) and what lies between them in a landscape section."""
    wide = [i for i, b in enumerate(blocks) if b[0] == "table" and b[1].grid.landscape]
    body = []
    for i, b in enumerate(blocks):
        if wide and i == wide[0]:
            # An empty paragraph ends the portrait section before the first wide table.
            body.append(f'<w:p><w:pPr><w:pStyle w:val="BodyText"/>{PORTRAIT}</w:pPr></w:p>')
        if b[0] == "table":
            body.append(docx_table(b[1].grid))
            # Word needs a paragraph between two tables and after a table at the end; after
            # the last wide table it ends the landscape section.
            sect = LANDSCAPE if wide and i == wide[-1] else ""
            body.append(f'<w:p><w:pPr><w:pStyle w:val="BodyText"/>{sect}</w:pPr></w:p>')
        else:
            body.append(docx_para(b[1], b[2], b[3]))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {W_NS}><w:body>" + "".join(body) + PORTRAIT + "</w:body></w:document>\n"
    )


def zip_write(path, parts):
    """A zip with fixed time stamps and order: the same input gives the same bytes."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))


def write_docx(path, blocks):
    zip_write(
        path,
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("word/_rels/document.xml.rels", DOC_RELS),
            ("word/document.xml", document_xml(blocks)),
            ("word/styles.xml", STYLES),
        ],
    )


# ---------------------------------------------------------------------------------------------
# .html

# The chrome of seed 001's site is in traditional characters, like its article.
TRAD_PHRASES = {"联系我们": "聯絡我們", "关于我们": "關於我們", "请输入关键字": "請輸入關鍵字"}
TRAD = str.maketrans(
    dict(
        zip(
            "页务开报门户办导网图权卫员会号备当发来体检关闭动态专题访问设为们与应询级统识单码规划栏标况总换计",
            "頁務開報門戶辦導網圖權衛員會號備當發來體檢關閉動態專題訪問設為們與應詢級統識單碼規劃欄標況總換計",
        )
    )
)


def chrome_text(s, site):
    if not site["trad"]:
        return s
    for a, b in TRAD_PHRASES.items():
        s = s.replace(a, b)
    return s.translate(TRAD)


PAGE_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="SiteName" content="{gov}">
<meta name="ColumnName" content="政府信息公开年报">
<title>{title}</title>
<style type="text/css">
body {{ margin: 0; font-family: "Microsoft YaHei", SimSun, sans-serif; background: #f2f2f2; }}
.header {{ background: #1a5aa8; color: #fff; height: 96px; }}
.nav ul {{ list-style: none; margin: 0; padding: 0; }}
.nav li {{ display: inline-block; padding: 0 18px; line-height: 42px; }}
.article {{ width: 1000px; margin: 0 auto; background: #fff; padding: 30px 50px; }}
.article-content p {{ line-height: 2; font-size: 16px; }}
.article-content table td {{ border: 1px solid #000; text-align: center; font-size: 12px; }}
.footer {{ text-align: center; font-size: 12px; color: #666; padding: 20px; }}
</style>
</head>
<body>
<div class="header">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="{gov}"></a></div>
  <div class="search"><form action="/search" method="get"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form></div>
</div>
<nav class="nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/zwdt/">政务动态</a></li>
    <li class="on"><a href="/zfxxgk/">政府信息公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
    <li><a href="/ztzl/">专题专栏</a></li>
  </ul>
</nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="/zfxxgk/ndbg/">政府信息公开年报</a></div>
<div class="article">
"""

PAGE_TOOLS = """  <div class="article-tools">【字体：<a href="javascript:setFontSize(18)">大</a> <a href="javascript:setFontSize(16)">中</a> <a href="javascript:setFontSize(14)">小</a>】 <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
"""

PAGE_FOOT = """</div>
<div class="footer">
  <p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | <a href="/sitemap/">网站地图</a></p>
  <p>主办单位：{org}　版权所有：{gov}</p>
  <p>网站标识码：5300000001　<a href="#">ICP备案号：00000000号-1</a></p>
</div>
<script type="text/javascript">
  // 字号切换与访问统计
  function setFontSize(size) {{
    var zoom = document.getElementById("zoom");
    if (zoom) {{ zoom.style.fontSize = size + "px"; }}
  }}
  var _stat = {{ site: "{gov}", column: "政府信息公开年报", note: "一、总体情况" }};
</script>
</body>
</html>
"""


def html_text(s):
    return html.escape(s, quote=False).replace("\u00a0", "&nbsp;")


def html_cell_content(lines, tid):
    """Cell text in the markup a CMS editor leaves: plain, <p><span>, or <span>."""
    if tid == "t1":
        return "<br>".join(html_text(x) for x in lines) if lines else "&nbsp;"
    if tid == "t2":
        inner = lines or ["\u00a0"]
        return "".join(
            f'<p style="text-align:center;"><span style="font-family:宋体;font-size:12px;">{html_text(x)}</span></p>'
            for x in inner
        )
    return "<span>" + ("<br>".join(html_text(x) for x in lines) if lines else "&nbsp;") + "</span>"


def html_table(g):
    total = sum(g.widths)
    out = [
        '<table border="1" cellspacing="0" cellpadding="0" width="100%" '
        'style="border-collapse:collapse;border:none;">',
        "<tbody>",
    ]
    for r in range(g.nrows):
        out.append("<tr>")
        for c in sorted((c for c in g.cells if c.row == r), key=lambda c: c.col):
            attrs = ""
            if c.colspan > 1:
                attrs += f' colspan="{c.colspan}"'
            if c.rowspan > 1:
                attrs += f' rowspan="{c.rowspan}"'
            width = round(100 * sum(g.widths[c.col : c.col + c.colspan]) / total)
            top = c.role == "label" and c.rowspan > 1
            attrs += f' width="{width}%" valign="{"top" if top else "middle"}"'
            out.append(f"<td{attrs}>{html_cell_content(c.lines, g.tid)}</td>")
        out.append("</tr>")
    out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def page(seed, blocks, charset):
    site = SITES[seed.num]
    titles = [b[1] for b in blocks if b[0] == "p" and b[2] == "Title"]
    title = ("".join(titles) + "_" if titles else "") + site["gov"]
    meta = (
        '<meta charset="utf-8">'
        if charset == "utf-8"
        else '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    )
    out = [
        chrome_text(PAGE_HEAD, site).format(meta=meta, gov=site["gov"], title=html_text(title))
    ]
    if titles:
        out.append(
            '  <div class="article-title"><h1>'
            + "<br>".join(html_text(t) for t in titles)
            + "</h1></div>\n"
        )
    out.append('  <div class="article-content" id="zoom">\n')
    for b in blocks:
        if b[0] == "table":
            out.append(html_table(b[1].grid) + "\n")
            continue
        _, text, style_id, align = b
        if style_id == "Title":
            continue
        t = html_text(text)
        if style_id in ("Heading1", "Heading2"):
            out.append(f'<p style="text-indent:2em;"><strong>{t}</strong></p>\n')
        elif align == "right":
            out.append(f'<p style="text-align:right;">{t}</p>\n')
        else:
            out.append(f'<p style="text-indent:2em;">{t}</p>\n')
    out.append("  </div>\n")
    out.append(chrome_text(PAGE_TOOLS, site))
    out.append(chrome_text(PAGE_FOOT, site).format(org=site["org"], gov=site["gov"]))
    return "".join(out)


def write_html(base, seed, blocks):
    (OUT / f"{base}.utf8.html").write_bytes(page(seed, blocks, "utf-8").encode("utf-8"))
    (OUT / f"{base}.gbk.html").write_bytes(page(seed, blocks, "gbk").encode("gb18030"))


# ---------------------------------------------------------------------------------------------
# LibreOffice


def soffice():
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        die(
            "LibreOffice (soffice) is needed for the PDF step and bad/old-word.docx: "
            "apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk"
        )
    return exe


def convert(files, to, outdir):
    """Convert with a private LibreOffice profile (no clash with another running soffice)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(outdir),
                *map(str, files),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )


# ---------------------------------------------------------------------------------------------
# Bad files


def xlsx():
    ct = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>
"""
    rels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>
"""
    wb = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="主动公开" sheetId="1" r:id="rId1"/></sheets>
</workbook>
"""
    wbrels = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>
"""
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", 0, 0, 0], ["行政规范性文件", 2, 0, 15]]
    cells = []
    for i, row in enumerate(rows, 1):
        cs = []
        for j, v in enumerate(row):
            ref = f"{'ABCD'[j]}{i}"
            if isinstance(v, int):
                cs.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cs.append(f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
        cells.append(f'<row r="{i}">{"".join(cs)}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(cells)}</sheetData></worksheet>\n"
    )
    return [
        ("[Content_Types].xml", ct),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", wb),
        ("xl/_rels/workbook.xml.rels", wbrels),
        ("xl/worksheets/sheet1.xml", sheet),
    ]


def bomb(path, size=100 * 1024 * 1024):
    """A .docx whose word/document.xml inflates to `size` bytes of one repeated letter."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {W_NS}><w:body><w:p><w:r><w:t>"
    ).encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>\n"
    fill = size - len(head) - len(tail)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS)]:
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
        info = zipfile.ZipInfo("word/document.xml", date_time=DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.file_size = size
        with z.open(info, "w") as f:
            f.write(head)
            chunk = b"A" * (1 << 20)
            while fill > 0:
                f.write(chunk[: min(fill, len(chunk))])
                fill -= len(chunk)
            f.write(tail)


def scan_image(w, h):
    """A grey-scale page that looks like a scanned report: lines of 'text' and a ruled table."""
    px = bytearray(b"\xff" * (w * h))

    def box(x0, y0, x1, y1, v):
        for y in range(max(0, y0), min(h, y1)):
            px[y * w + max(0, x0) : y * w + min(w, x1)] = bytes([v]) * (min(w, x1) - max(0, x0))

    rnd = random.Random(7)
    box(150, 60, 445, 72, 40)  # the title
    y = 100
    for _ in range(12):  # paragraphs: lines of word-like blocks
        x = 70 if rnd.random() < 0.3 else 50
        while x < 540:
            ww = rnd.randint(12, 40)
            box(x, y, min(x + ww, 545), y + 7, rnd.choice((30, 50, 70)))
            x += ww + rnd.randint(3, 6)
        y += 16
    top, rows, cols = y + 20, 14, [50, 200, 250, 300, 350, 400, 450, 500, 545]
    for r in range(rows + 1):
        box(50, top + r * 20, 546, top + r * 20 + 1, 0)
    for x in cols:
        box(x, top, x + 1, top + rows * 20 + 1, 0)
    for r in range(rows):
        box(56, top + r * 20 + 7, 56 + rnd.randint(40, 130), top + r * 20 + 13, 60)
        for x in cols[1:-1]:
            box(x + 18, top + r * 20 + 7, x + 28, top + r * 20 + 13, 60)
    y = top + rows * 20 + 30
    for _ in range(10):
        box(50, y, 50 + rnd.randint(300, 495), y + 7, 50)
        y += 16
    return bytes(px)


def scanned_pdf(w=595, h=842):
    """A one-page PDF whose page is only an image (no text objects, no fonts)."""
    img = zlib.compress(scan_image(w, h), 9)
    content = f"q {w} 0 0 {h} 0 0 cm /Im0 Do Q\n".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] "
        "/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
        f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(img)} >>\nstream\n".encode()
        + img
        + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"endstream",
        b"<< /Producer (Scanner) /Title (scan) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info 6 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


NEWS = [
    "1月16日，市卫生健康委召开2024年全市卫生健康工作会议，总结2023年工作，分析当前形势，部署2024年重点任务。",
    "会议指出，过去一年全市卫生健康系统坚持以人民健康为中心，医疗服务能力稳步提升，公共卫生体系不断完善，基层卫生服务网络持续巩固。",
    "会议强调，2024年要聚焦群众看病就医的急难愁盼问题，深化医药卫生体制改革，推进优质医疗资源扩容下沉和区域均衡布局，持续做好重点人群健康服务。",
    "会议要求，各级各单位要压实工作责任，加强行业作风建设，确保各项任务落地见效。",
    "委领导班子成员，委机关各科室、委属各单位主要负责同志，各县（区）卫生健康局负责同志参加会议。",
]


def news_page(site):
    blocks = [("p", x, "Normal", None) for x in NEWS]
    out = [
        PAGE_HEAD.format(meta='<meta charset="utf-8">', gov=site["gov"], title="市卫生健康委召开2024年全市卫生健康工作会议_" + site["gov"]).replace(
            "政府信息公开年报", "工作动态"
        )
    ]
    out.append('  <div class="article-title"><h1>市卫生健康委召开2024年全市卫生健康工作会议</h1></div>\n')
    out.append('  <div class="article-info">发布时间：2024-01-17　来源：市卫生健康委办公室</div>\n')
    out.append('  <div class="article-content" id="zoom">\n')
    for b in blocks:
        out.append(f'<p style="text-indent:2em;">{html_text(b[1])}</p>\n')
    out.append("  </div>\n" + PAGE_TOOLS + PAGE_FOOT.format(org=site["org"], gov=site["gov"]))
    return "".join(out)


def empty_page(site):
    return (
        PAGE_HEAD.format(meta='<meta charset="utf-8">', gov=site["gov"], title=site["gov"])
        + '  <div class="article-title"><h1></h1></div>\n'
        + '  <div class="article-content" id="zoom">\n  </div>\n'
        + PAGE_TOOLS
        + PAGE_FOOT.format(org=site["org"], gov=site["gov"])
    )


def make_bad(docx_for_truncation, pdf_for_encryption, docx_for_doc):
    BAD.mkdir(parents=True, exist_ok=True)
    (BAD / "corrupt.docx").write_bytes(random.Random(20240101).randbytes(4096))
    data = docx_for_truncation.read_bytes()
    (BAD / "truncated.docx").write_bytes(data[: len(data) // 2])
    zip_write(BAD / "spreadsheet.docx", xlsx())
    bomb(BAD / "bomb.docx")
    (BAD / "scanned.pdf").write_bytes(scanned_pdf())
    site = SITES["004"]
    (BAD / "no-report.html").write_bytes(news_page(site).encode("utf-8"))
    (BAD / "empty.html").write_bytes(empty_page(site).encode("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        convert([docx_for_doc], "doc", tmp)
        doc = Path(tmp) / (docx_for_doc.stem + ".doc")
        if doc.read_bytes()[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            die("LibreOffice did not write an OLE .doc")
        shutil.copyfile(doc, BAD / "old-word.docx")
    if not shutil.which("qpdf"):
        die("qpdf is needed for bad/encrypted.pdf: apt-get install -y qpdf")
    subprocess.run(
        ["qpdf", "--encrypt", "user", "owner", "256", "--", str(pdf_for_encryption), str(BAD / "encrypted.pdf")],
        check=True,
    )


# ---------------------------------------------------------------------------------------------


def main():
    if not Path(NIANBAO).exists():
        die(f"no nianbao at {NIANBAO} (set NIANBAO=path/to/nianbao)")
    if "--no-office" not in sys.argv:
        soffice()
    OUT.mkdir(parents=True, exist_ok=True)
    docs = []
    for path in sorted(SEEDS.glob("00[0-4]_*.txt")):
        seed = Seed(path)
        blocks = build(seed)
        d = OUT / f"{seed.name}.docx"
        write_docx(d, blocks)
        write_html(seed.name, seed, blocks)
        docs.append(d)
        n = sum(1 for b in blocks if b[0] == "table")
        print(f"{seed.name}: {len(blocks) - n} paragraphs, {n} tables")
    if "--no-office" in sys.argv:  # while working on the script: skip the slow LibreOffice step
        return
    convert(docs, "pdf:writer_pdf_Export", OUT)
    make_bad(docs[0], OUT / f"{docs[3].stem}.pdf", docs[3])
    for f in sorted(OUT.rglob("*")):
        if f.is_file() and f.name != "README.md":
            print(f"{f.relative_to(ROOT)}  {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
