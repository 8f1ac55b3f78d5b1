#!/usr/bin/env bash
# Make the small PDFs that src/input/pdf/tests.rs reads (tests/fixtures/inputs/pdf/).
# Needs LibreOffice, a CJK font, qpdf and python3 (Debian bookworm):
#   apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-wqy-zenhei qpdf python3
# CI does not run this: the PDFs are committed. Rerunning it rewrites them (byte content
# differs from run to run: LibreOffice stamps dates and ids).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/fixtures/inputs/pdf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

font="font-family: 'WenQuanYi Zen Hei'; font-size: 12pt"

# report.pdf: two pages; page 1 a heading, a paragraph and a 3-column table with borders,
# page 2 a paragraph and a 3-column table without borders.
cat > "$work/report.html" <<HTML
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>测试</title></head>
<body style="$font">
<h2 style="$font">一、总体情况</h2>
<p style="$font">2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。</p>
<h2 style="$font">二、主动公开政府信息情况</h2>
<table border="1" cellpadding="4" style="border-collapse: collapse">
<tr><td style="$font">信息内容</td><td style="$font">本年新制发件数</td><td style="$font">现行有效件数</td></tr>
<tr><td style="$font">规章</td><td style="$font">0</td><td style="$font">3</td></tr>
<tr><td style="$font">行政规范性文件</td><td style="$font">12</td><td style="$font">45</td></tr>
<tr><td style="$font">行政许可</td><td style="$font">185</td><td style="$font">7</td></tr>
</table>
<p style="page-break-before: always; $font">三、收到和处理政府信息公开申请情况</p>
<p style="$font">本年度共收到政府信息公开申请16件，均已按时答复。</p>
<table border="0" cellpadding="2">
<tr><td width="200" style="$font">信息内容</td><td width="150" style="$font">本年处理决定数量</td><td width="150" style="$font">备注</td></tr>
<tr><td width="200" style="$font">行政处罚</td><td width="150" style="$font">24</td><td width="150" style="$font">2</td></tr>
<tr><td width="200" style="$font">行政强制</td><td width="150" style="$font">0</td><td width="150" style="$font">0</td></tr>
</table>
</body></html>
HTML

# merged.pdf: a ruled table with merged cells as in the national format's table of requests:
# a header over three rows, a narrow label spanning rows (wrapped a few characters a line),
# labels wrapped over two and three lines beside their numbers.
python3 - "$work/merged.html" "$font" <<'PY'
import sys
path, font = sys.argv[1], sys.argv[2]
def td(text, extra=""):
    return f'<td {extra} style="{font}">{text}</td>'
nums = lambda *v: "".join(td(str(x)) for x in v)
rows = [
    "<tr>" + td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 'rowspan="3" colspan="2"')
    + td("申请人情况", 'colspan="7"') + "</tr>",
    "<tr>" + td("自然人", 'rowspan="2"') + td("法人或其他组织", 'colspan="5"') + td("总计", 'rowspan="2"') + "</tr>",
    "<tr>" + "".join(td(x) for x in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]) + "</tr>",
    "<tr>" + td("一、本年新收政府信息公开申请数量", 'colspan="2"') + nums(11, 18, 1, 29, 16, 6, 81) + "</tr>",
    "<tr>" + td("三、本年度办理结果", 'rowspan="4" width="20"')
    + td("（一）予以公开", 'width="200"') + nums(13, 1, 26, 18, 3, 30, 91) + "</tr>",
    "<tr>" + td("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") + nums(20, 20, 18, 30, 1, 18, 107) + "</tr>",
    "<tr>" + td("1.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    + nums(5, 19, 3, 15, 1, 6, 49) + "</tr>",
    "<tr>" + td("（七）总计") + nums(27, 15, 2, 5, 14, 12, 75) + "</tr>",
]
open(path, "w", encoding="utf-8").write(
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
    f'<body style="{font}"><p style="{font}">三、收到和处理政府信息公开申请情况</p>'
    '<table border="1" cellpadding="2" style="border-collapse: collapse" width="100%">'
    + "\n".join(rows) + "</table></body></html>")
PY

# ten_pages.pdf: about ten pages of report-like text and tables (examples/pdf_speed.rs).
python3 - "$work/ten_pages.html" "$font" <<'PY'
import sys
path, font = sys.argv[1], sys.argv[2]
para = ("本机关坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央、国务院关于全面推进"
        "政务公开工作的决策部署，严格执行《中华人民共和国政府信息公开条例》，持续加大主动公开力度，"
        "规范依申请公开办理，加强政策解读和回应关切，不断提升政务公开质量和实效。")
labels = ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费",
          "政府集中采购", "其他对外管理服务事项"]
parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"></head>',
         f'<body style="{font}">']
for page in range(1, 11):
    brk = "page-break-before: always; " if page > 1 else ""
    parts.append(f'<h2 style="{brk}{font}">第{page}部分 政府信息公开工作情况</h2>')
    for i in range(4):
        parts.append(f'<p style="{font}">（{i + 1}）{para}</p>')
    parts.append('<table border="1" cellpadding="3" style="border-collapse: collapse">')
    parts.append(f'<tr><td style="{font}">信息内容</td><td style="{font}">本年新制发件数</td>'
                 f'<td style="{font}">本年废止件数</td><td style="{font}">现行有效件数</td></tr>')
    for j, label in enumerate(labels):
        a, b, c = (page * 7 + j * 3) % 50, j % 4, (page * 13 + j * 11) % 300
        parts.append(f'<tr><td style="{font}">{label}</td><td style="{font}">{a}</td>'
                     f'<td style="{font}">{b}</td><td style="{font}">{c}</td></tr>')
    parts.append('</table>')
parts.append('</body></html>')
open(path, 'w', encoding='utf-8').write("\n".join(parts))
PY

# scanned.pdf: a page holding only a picture (a PNG drawn here, embedded as a data URI), no text.
python3 - "$work/scanned.html" <<'PY'
import base64, struct, sys, zlib
w, h = 200, 120
rows = b"".join(b"\x00" + bytes((x * 255 // w) ^ (y * 2 & 0xFF) for x in range(w)) for y in range(h))
def chunk(kind, data):
    c = kind + data
    return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
uri = "data:image/png;base64," + base64.b64encode(png).decode()
open(sys.argv[1], "w").write('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
                             f'<p><img src="{uri}" width="400" height="240"></p></body></html>')
PY

# Writer's HTML import (not the web view), exported as a normal A4 document.
(cd "$work" && soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export \
    report.html merged.html ten_pages.html scanned.html >/dev/null 2>&1)

cp "$work/report.pdf" "$work/merged.pdf" "$work/ten_pages.pdf" "$work/scanned.pdf" "$out/"

# encrypted.pdf: opening needs a password. restricted.pdf: opens without one, but carries an
# owner password (copy/print restrictions), so it has an /Encrypt entry all the same.
qpdf --encrypt secret owner 256 -- "$work/report.pdf" "$out/encrypted.pdf"
qpdf --encrypt "" owner 128 --use-aes=y -- "$work/report.pdf" "$out/restricted.pdf"

# no_unicode.pdf: report.pdf with its fonts' /ToUnicode maps removed (the embedded CJK font
# stays): extraction can only yield glyph ids, never the Chinese text.
qpdf --qdf --object-streams=disable "$work/report.pdf" "$work/report.qdf.pdf"
python3 - "$work/report.qdf.pdf" "$work/no_unicode.qdf.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
data, n = re.subn(rb"/ToUnicode \d+ 0 R", b"", data)
assert n > 0, "no /ToUnicode found"
open(sys.argv[2], "wb").write(data)
PY
fix-qdf "$work/no_unicode.qdf.pdf" > "$work/no_unicode.fixed.pdf"
qpdf --object-streams=generate --compress-streams=y "$work/no_unicode.fixed.pdf" "$out/no_unicode.pdf"

ls -l "$out"
