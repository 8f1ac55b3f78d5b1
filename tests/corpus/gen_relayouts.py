#!/usr/bin/env python3
"""Regenerate the re-layout files of tests/corpus (the files named *.relayout-KIND.txt).

A re-layout keeps every line of its source report outside the three statistics tables
verbatim and writes the tables again, with the same labels and the same numbers, in another
text layout (markdown, tab-separated, PDF text, one cell per line, ...). The numbers below
were transcribed by hand from the source reports and checked against them (see README.md).

Sources: 001_shanghai-bgt_2019.txt in this folder, and the five seed reports in
shared/seeds (000 保山 2021, 001 貴陽 2022, 002 海东 2023, 003 和田 2021, 004 济南 2020).

Usage: python3 gen_relayouts.py [SEEDS_DIR]   (default: ../../../shared/seeds, then /work/shared/seeds)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def seeds_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    for d in (os.path.join(HERE, "../../../shared/seeds"), "/work/shared/seeds"):
        if os.path.isdir(d):
            return d
    sys.exit("seeds folder not found; pass it as the first argument")


# ----------------------------------------------------------------------------------------
# Labels
# ----------------------------------------------------------------------------------------

T2_IDS_2021 = [
    "new", "carried_in", "r1", "r2",
    "r3_1", "r3_2", "r3_3", "r3_4", "r3_5", "r3_6", "r3_7", "r3_8",
    "r4_1", "r4_2", "r4_3",
    "r5_1", "r5_2", "r5_3", "r5_4", "r5_5",
    "r6_1", "r6_2", "r6_3",
    "r7", "carried_out",
]
T2_IDS_2019 = T2_IDS_2021[:20] + ["r6"] + ["r7", "carried_out"]

STD = {
    "corner": "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "applicant": "申请人情况",
    "np": "自然人", "legal": "法人或其他组织", "tot": "总计",
    "sub": ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    "results": "三、本年度办理结果",
    "r3": "（三）不予公开", "r4": "（四）无法提供", "r5": "（五）不予处理", "r6g": "（六）其他处理",
    "new": "一、本年新收政府信息公开申请数量",
    "carried_in": "二、上年结转政府信息公开申请数量",
    "r1": "（一）予以公开",
    "r2": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "r3_1": "1.属于国家秘密", "r3_2": "2.其他法律行政法规禁止公开", "r3_3": "3.危及“三安全一稳定”",
    "r3_4": "4.保护第三方合法权益", "r3_5": "5.属于三类内部事务信息", "r3_6": "6.属于四类过程性信息",
    "r3_7": "7.属于行政执法案卷", "r3_8": "8.属于行政查询事项",
    "r4_1": "1.本机关不掌握相关政府信息", "r4_2": "2.没有现成信息需要另行制作", "r4_3": "3.补正后申请内容仍不明确",
    "r5_1": "1.信访举报投诉类申请", "r5_2": "2.重复申请", "r5_3": "3.要求提供公开出版物",
    "r5_4": "4.无正当理由大量反复申请", "r5_5": "5.要求行政机关确认或重新出具已获取信息",
    "r6_1": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "r6_2": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "r6_3": "3.其他", "r6": "（六）其他处理",
    "r7": "（七）总计", "carried_out": "四、结转下年度继续办理",
    # table 3
    "review": "行政复议", "litigation": "行政诉讼",
    "outcomes": ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
    "direct": "未经复议直接起诉", "after": "复议后起诉",
}

# first row of each group: (row id -> group label key)
GROUP_START = {"r1": "results", "r3_1": "r3", "r4_1": "r4", "r5_1": "r5", "r6_1": "r6g"}


def halfwidth(s):
    """保山's labels use ASCII brackets, commas and colons."""
    return s.replace("（", "(").replace("）", ")").replace("，", ",").replace("：", ":")


def std_labels(transform=None):
    lab = {}
    for k, v in STD.items():
        if transform is None:
            lab[k] = v
        elif isinstance(v, list):
            lab[k] = [transform(x) for x in v]
        else:
            lab[k] = transform(v)
    return lab


# ----------------------------------------------------------------------------------------
# Hand-transcribed data of each source (blank cells are "")
# ----------------------------------------------------------------------------------------

def zeros2021():
    return {r: ["0"] * 7 for r in T2_IDS_2021}


def t1_2021(h, rules, norms, lic, pen, coe, fee, norms_label="行政规范性文件", tf=lambda s: s):
    return [
        (tf("第二十条第（一）项"), [tf("信息内容"), "本年制发件数", "本年废止件数", "现行有效件数"],
         [("规章", rules), (norms_label, norms)]),
        (tf("第二十条第（五）项"), [tf("信息内容"), "本年处理决定数量"], [("行政许可", [lic])]),
        (tf("第二十条第（六）项"), [tf("信息内容"), "本年处理决定数量"], [("行政处罚", [pen]), ("行政强制", [coe])]),
        (tf("第二十条第（八）项"), [tf("信息内容"), tf("本年收费金额（单位：万元）")], [("行政事业性收费", [fee])]),
    ]


def t1_2019(rules, norms, lic, other, pen, coe, fee, proc):
    h5 = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
    return [
        ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
         [("规章", rules), ("规范性文件", norms)]),
        ("第二十条第（五）项", h5, [("行政许可", lic), ("其他对外管理服务事项", other)]),
        ("第二十条第（六）项", h5, [("行政处罚", pen), ("行政强制", coe)]),
        ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [("行政事业性收费", fee)]),
        ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [("政府集中采购", proc)]),
    ]


def shanghai():
    t2 = {r: [""] * 7 for r in T2_IDS_2019}
    t2["new"] = ["821", "35", "", "", "2", "1", "859"]
    t2["carried_in"] = ["18", "", "", "", "", "", "18"]
    t2["r1"] = ["258", "12", "", "", "1", "1", ""]
    t2["r2"] = ["3", "", "", "", "", "", ""]
    t2["r3_1"] = ["14", "", "", "", "", "", ""]
    t2["r3_5"] = ["5", "", "", "", "", "", ""]
    t2["r3_6"] = ["3", "1", "", "", "", "", ""]
    t2["r3_8"] = ["10", "2", "", "", "", "", ""]
    t2["r4_1"] = ["252", "12", "", "", "1", "", ""]
    t2["r4_2"] = ["44", "3", "", "", "", "", ""]
    t2["r4_3"] = ["25", "", "", "", "", "", ""]
    t2["r5_1"] = ["148", "1", "", "", "", "", ""]
    t2["r5_2"] = ["5", "4", "", "", "", "", ""]
    t2["r7"] = ["767", "35", "", "", "2", "1", "805"]
    t2["carried_out"] = ["72", "", "", "", "", "", "72"]
    return dict(
        key="shanghai-bgt_2019", src=os.path.join(HERE, "001_shanghai-bgt_2019.txt"),
        fmt="2019", labels=std_labels(), blanks=True,
        ranges=[(28, 45), (47, 72), (75, 78)],
        t1=t1_2019(["13", "13", "524"], ["60", "60", "368"], ["0", "0", "0"], ["0", "0", "0"],
                   ["0", "0", "0"], ["0", "0", "0"], ["0", "0"], ["6", "251000元"]),
        t2=t2,
        t3=["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""],
    )


def baoshan(sd):
    return dict(
        key="baoshan-wjw_2021", src=os.path.join(sd, "000_2c1132c7924dd3e8.txt"),
        fmt="2021", labels=std_labels(halfwidth), blanks=False,
        ranges=[(29, 72), (77, 321), (326, 367)],
        t1=t1_2021(None, ["0", "0", "0"], ["0", "0", "0"], "185", "24", "0", "127.68", tf=halfwidth),
        t2=zeros2021(), t3=["0"] * 15,
    )


GUIYANG_LABELS = {
    "corner": "(本列數據的勾稽關係為:第一項加第二項之和,等於第三項加第四項之和)",
    "applicant": "申請人情況", "np": "自然人", "legal": "法人或其他組織", "tot": "總計",
    "sub": ["商業企業", "科研機構", "社會公益組織", "法律服務機構", "其他"],
    "results": "三、本年度辦理結果",
    "r3": "(三)不予公開", "r4": "(四)無法提供", "r5": "(五)不予處理", "r6g": "(六)其他處理",
    "new": "一、本年新收政府信息公開申請數量", "carried_in": "二、上年結轉政府信息公開申請數量",
    "r1": "(一)予以公開", "r2": "(二)部分公開(區分處理的,只計這一情形,不計其他情形)",
    "r3_1": "1.屬於國家秘密", "r3_2": "2.其他法律行政法規禁止公開", "r3_3": "3.危及“三安全一穩定”",
    "r3_4": "4.保護第三方合法權益", "r3_5": "5.屬於三類內部事務信息", "r3_6": "6.屬於四類過程性信息",
    "r3_7": "7.屬於行政執法案卷", "r3_8": "8.屬於行政查詢事項",
    "r4_1": "1.本機關不掌握相關政府信息", "r4_2": "2.沒有現成信息需要另行製作", "r4_3": "3.補正後申請內容仍不明確",
    "r5_1": "1.信訪舉報投訴類申請", "r5_2": "2.重複申請", "r5_3": "3.要求提供公開出版物",
    "r5_4": "4.無正當理由大量反覆申請", "r5_5": "5.要求行政機關確認或重新出具已獲取信息",
    "r6_1": "1.申請人無正當理由逾期不補正、行政機關不再處理其政府信息公開申請",
    "r6_2": "2.申請人逾期未按收費通知要求繳納費用、行政機關不再處理其政府信息公開申請",
    "r6_3": "3.其他", "r7": "(七)總計", "carried_out": "四、結轉下年度繼續辦理",
    "review": "行政複議", "litigation": "行政訴訟",
    "outcomes": ["結果維持", "結果糾正", "其他結果", "尚未審結", "總計"],
    "direct": "未經複議直接起訴", "after": "複議後起訴",
}


def guiyang(sd):
    t2 = zeros2021()
    t2["new"] = ["16", "0", "0", "0", "0", "0", "16"]
    t2["r1"] = ["10", "0", "0", "0", "0", "0", "10"]
    t2["r4_1"] = ["6", "0", "0", "0", "0", "0", "6"]
    t2["r7"] = ["16", "0", "0", "0", "0", "0", "16"]
    t1 = [
        ("第二十條第(一)項", ["信息內容", "本年制發件數", "本年廢止件數", "現行有效件數"],
         [("規章", ["0", "0", "0"]), ("行政規範性檔案", ["0", "0", "0"])]),
        ("第二十條第(五)項", ["信息內容", "本年處理決定數量"], [("行政許可", ["14480"])]),
        ("第二十條第(六)項", ["信息內容", "本年處理決定數量"], [("行政處罰", ["1820"]), ("行政強制", ["0"])]),
        ("第二十條第(八)項", ["信息內容", "本年收費金額(單位:萬元)"], [("行政事業性收費", ["0"])]),
    ]
    return dict(
        key="guiyang-wsjkj_2022", src=os.path.join(sd, "001_14e46c82abeb8b03.txt"),
        fmt="2021", labels=GUIYANG_LABELS, blanks=False,
        ranges=[(15, 44), (46, 262), (264, 297)],
        t1=t1, t2=t2, t3=["0"] * 15,
    )


def hetian(sd):
    return dict(
        key="hetian-wjw_2021", src=os.path.join(sd, "003_31cf96be23961926.txt"),
        fmt="2021", labels=std_labels(), blanks=False,
        ranges=[(13, 55), (60, 341), (345, 386)],
        t1=t1_2021(None, ["0", "0", "0"], ["0", "0", "4"], "36", "27", "0", "471.56", norms_label="规范性文件"),
        t2=zeros2021(), t3=["0"] * 15,
    )


def jinan(sd):
    t2 = {r: [""] * 7 for r in T2_IDS_2019}
    t2["new"] = ["20", "", "", "", "", "", "20"]
    t2["carried_in"] = ["1", "", "", "", "", "", "1"]
    t2["r1"] = ["5", "", "", "", "", "", "5"]
    t2["r2"] = ["3", "", "", "", "", "", "3"]
    t2["r4_1"] = ["4", "", "", "", "", "", "4"]
    t2["r6"] = ["7", "", "", "", "", "", "7"]
    t2["r7"] = ["19", "", "", "", "", "", "19"]
    t2["carried_out"] = ["2", "", "", "", "", "", "2"]
    return dict(
        key="jinan-wjw_2020", src=os.path.join(sd, "004_58318878f8bfac1e.txt"),
        fmt="2019", labels=std_labels(), blanks=True,
        ranges=[(25, 96), (101, 361), (366, 414)],
        t1=t1_2019(["0", "0", "0"], ["0", "0", "0"], ["10399", "减5678", "4721"], ["0", "0", "0"],
                   ["3438", "减少2367", "1071"], ["1", "减1", "0"], ["0", "0"], ["39", "7237.146万元"]),
        t2=t2,
        t3=["3", "1", "1", "2", "7", "0", "1", "3", "1", "4", "0", "0", "0", "1", "5"],
    )


# ----------------------------------------------------------------------------------------
# Table models -> rows of cells
# ----------------------------------------------------------------------------------------

def ids(rep):
    return T2_IDS_2019 if rep["fmt"] == "2019" else T2_IDS_2021


def t2_rows_merged(rep):
    """Rows as an HTML table flattens them: a merged (rowspan/colspan) cell appears once,
    in the first row it covers."""
    L = rep["labels"]
    rows = [[L["corner"], L["applicant"]], [L["np"], L["legal"], L["tot"]], list(L["sub"])]
    for r in ids(rep):
        cells = []
        if r in GROUP_START and not (r == "r6_1" and rep["fmt"] == "2019"):
            cells.append(L[GROUP_START[r]])
        if r == "r1":
            pass
        cells.append(L[r])
        rows.append(cells + rep["t2"][r])
    return rows


def t2_rows_grid(rep):
    """Rows as a spreadsheet copy gives them: 3 label columns + 7 value columns; a merged cell
    sits in its top-left position, the rest of its area is empty."""
    L = rep["labels"]
    rows = [
        [L["corner"], "", "", L["applicant"], "", "", "", "", "", ""],
        ["", "", "", L["np"], L["legal"], "", "", "", "", L["tot"]],
        ["", "", "", ""] + list(L["sub"]) + [""],
    ]
    for r in ids(rep):
        v = rep["t2"][r]
        if r in ("new", "carried_in", "carried_out"):
            rows.append([L[r], "", ""] + v)
        elif r in ("r1",):
            rows.append([L["results"], L[r], ""] + v)
        elif r in ("r2", "r7", "r6"):
            rows.append(["", L[r], ""] + v)
        elif r in GROUP_START:
            rows.append(["", L[GROUP_START[r]], L[r]] + v)
        else:
            rows.append(["", "", L[r]] + v)
    return rows


def t3_rows_merged(rep):
    L = rep["labels"]
    return [
        [L["review"], L["litigation"]],
        list(L["outcomes"]) + [L["direct"], L["after"]],
        list(L["outcomes"]) * 2,
        list(rep["t3"]),
    ]


def t3_rows_grid(rep):
    L = rep["labels"]
    return [
        [L["review"], "", "", "", "", L["litigation"]] + [""] * 9,
        list(L["outcomes"]) + [L["direct"], "", "", "", "", L["after"], "", "", "", ""],
        [""] * 5 + list(L["outcomes"]) * 2,
        list(rep["t3"]),
    ]


def t1_rows_merged(rep):
    rows = []
    for head, cols, data in rep["t1"]:
        rows.append([head])
        rows.append(list(cols))
        for label, vals in data:
            rows.append([label] + list(vals))
    return rows


def t1_rows_grid(rep):
    rows = []
    for head, cols, data in rep["t1"]:
        rows.append([head, "", "", ""])
        rows.append((list(cols) + ["", "", ""])[:4])
        for label, vals in data:
            rows.append(([label] + list(vals) + ["", "", ""])[:4])
    return rows


# ----------------------------------------------------------------------------------------
# Layouts
# ----------------------------------------------------------------------------------------

def lay_pipe(rows):
    return [" | ".join(r) for r in rows]


def lay_markdown(rows):
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return out


def lay_tsv(rows):
    return ["\t".join(r) for r in rows]


def lay_cellperline(rows):
    return [c for r in rows for c in r]


def lay_wrappedpipe(rows):
    out = []
    for r in rows:
        out.append("| " + r[0] + " ")
        out += ["         | " + c + " " for c in r[1:]]
        out.append("         | ")
    return out


def wrap(label, width):
    parts = []
    while len(label) > width:
        parts.append(label[:width])
        label = label[width:]
    parts.append(label)
    return parts


def pdf_rows(rows, width=None):
    """PDF text extraction: the cells of a row on one line separated by a space; a long
    label breaks after `width` characters and its rest follows on the next line."""
    out = []
    for r in rows:
        cells = [c for c in r if c != ""]
        if not cells:
            continue
        first = cells[0]
        if width and len(first) > width and len(cells) > 1:
            parts = wrap(first, width)
            out.append(" ".join([parts[0]] + cells[1:]))
            out += parts[1:]
        else:
            out.append(" ".join(cells))
    return out


def lay_pdftext_t2(rep, width=18, page_break=None):
    L = rep["labels"]
    out = wrap(L["corner"], 22)
    out += [L["applicant"], " ".join([L["np"], L["legal"], L["tot"]]), " ".join(L["sub"])]
    for r in ids(rep):
        if r in GROUP_START and not (r == "r6_1" and rep["fmt"] == "2019"):
            out.append(L[GROUP_START[r]])
        out += pdf_rows([[L[r]] + rep["t2"][r]], width)
        if page_break and r == page_break[0]:
            out += page_break[1]
    return out


def lay_pdftext_t3(rep):
    L = rep["labels"]
    return [
        " ".join([L["review"], L["litigation"]]),
        " ".join(list(L["outcomes"]) + [L["direct"], L["after"]]),
        " ".join(list(L["outcomes"]) * 2),
        " ".join(rep["t3"]),
    ]


def render(rep, kind):
    if kind == "pipe":
        return lay_pipe(t1_rows_merged(rep)), lay_pipe(t2_rows_merged(rep)), lay_pipe(t3_rows_merged(rep))
    if kind == "markdown":
        return ([""] + lay_markdown(t1_rows_grid(rep)) + [""], [""] + lay_markdown(t2_rows_grid(rep)) + [""],
                [""] + lay_markdown(t3_rows_grid(rep)) + [""])
    if kind == "tsv":
        return lay_tsv(t1_rows_grid(rep)), lay_tsv(t2_rows_grid(rep)), lay_tsv(t3_rows_grid(rep))
    if kind == "cellperline":
        assert not rep["blanks"], "one cell per line cannot show blank cells"
        return (lay_cellperline(t1_rows_merged(rep)), lay_cellperline(t2_rows_merged(rep)),
                lay_cellperline(t3_rows_merged(rep)))
    if kind == "wrappedpipe":
        return (lay_wrappedpipe(t1_rows_merged(rep)), lay_wrappedpipe(t2_rows_merged(rep)),
                lay_wrappedpipe(t3_rows_merged(rep)))
    if kind == "pdftext":
        assert not rep["blanks"], "PDF text cannot show blank cells"
        return pdf_rows(t1_rows_merged(rep)), lay_pdftext_t2(rep), lay_pdftext_t3(rep)
    if kind == "pdftext-pagebreak":
        assert not rep["blanks"]
        brk = ("r4_3", ["", "— 5 —", ""])
        return pdf_rows(t1_rows_merged(rep)), lay_pdftext_t2(rep, 16, brk), lay_pdftext_t3(rep)
    if kind == "pipe-pagebreak":
        t2 = lay_pipe(t2_rows_merged(rep))
        # page footer and the three header rows repeated after the break, before （四）
        at = 3 + ids(rep).index("r4_1")
        t2 = t2[:at] + ["", "- 5 -", ""] + t2[:3] + t2[at:]
        return lay_pipe(t1_rows_merged(rep)), t2, lay_pipe(t3_rows_merged(rep))
    raise ValueError(kind)


def build(rep, kind):
    with open(rep["src"], encoding="utf-8") as f:
        src = f.read()
    lines = src.split("\n")
    t1, t2, t3 = render(rep, kind)
    (a1, b1), (a2, b2), (a3, b3) = rep["ranges"]
    out = lines[: a1 - 1] + t1 + lines[b1:a2 - 1] + t2 + lines[b2:a3 - 1] + t3 + lines[b3:]
    return "\n".join(out)


def haidong_pipe(sd):
    """海东 2023: the OCR table lines are tab-separated; the re-layout joins each line's
    cells with ' | ' (cells and their OCR damage unchanged, trailing empty cells dropped)."""
    path = os.path.join(sd, "002_72e8cc29e03ca078.txt")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    for i, l in enumerate(lines, start=1):
        in_table = 26 <= i <= 43 or 47 <= i <= 84 or 88 <= i <= 91
        if in_table and "\t" in l:
            cells = l.split("\t")
            while cells and cells[-1] == "":
                cells.pop()
            out.append(" | ".join(cells))
        else:
            out.append(l)
    return "\n".join(out)


PLAN = [
    ("002", "shanghai", "tsv"),
    ("003", "shanghai", "markdown"),
    ("004", "shanghai", "wrappedpipe"),
    ("005", "shanghai", "pipe-pagebreak"),
    ("006", "baoshan", "pdftext"),
    ("007", "baoshan", "markdown"),
    ("008", "baoshan", "tsv"),
    ("009", "guiyang", "pdftext-pagebreak"),
    ("010", "guiyang", "pipe"),
    ("011", "guiyang", "markdown"),
    ("012", "hetian", "pdftext"),
    ("013", "hetian", "markdown"),
    ("014", "hetian", "cellperline"),
    ("015", "jinan", "markdown"),
    ("016", "jinan", "tsv"),
    ("017", "jinan", "pipe"),
    ("018", "jinan", "wrappedpipe"),
    ("019", "haidong", "pipe"),
    ("020", "baoshan", "cellperline"),
]


def main():
    sd = seeds_dir()
    reps = {"shanghai": shanghai(), "baoshan": baoshan(sd), "guiyang": guiyang(sd),
            "hetian": hetian(sd), "jinan": jinan(sd)}
    for num, src, kind in PLAN:
        if src == "haidong":
            name = f"{num}_haidong-wjw_2023.relayout-{kind}.txt"
            text = haidong_pipe(sd)
        else:
            rep = reps[src]
            name = f"{num}_{rep['key']}.relayout-{kind}.txt"
            text = build(rep, kind)
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write(text)
        print(name)


if __name__ == "__main__":
    main()
