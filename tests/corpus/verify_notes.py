#!/usr/bin/env python3
"""Print the relations A1/A2/A3 and L1-L3 for the hand-transcribed tables of the corpus
sources (the numbers live in gen_relayouts.py). Blank cells count as 0.

This is the arithmetic behind the "hand-verified sums" of README.md; the numbers themselves
were read off the report texts by eye.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_relayouts as g  # noqa: E402

COLS = ["np", "biz", "sci", "npo", "law", "oth", "tot"]


def n(v):
    return int(v) if v not in ("", None) else 0


def show(vals):
    return " + ".join(v if v != "" else "（空）0" for v in vals)


def check(rep):
    t2, ids = rep["t2"], g.ids(rep)
    leaves = [r for r in ids if r not in ("new", "carried_in", "r7", "carried_out")]
    print(f"== {rep['key']} (format {rep['fmt']})")
    for r in ids:
        v = t2[r]
        s = sum(n(x) for x in v[:6])
        mark = "✓" if s == n(v[6]) else "✗"
        if any(x != "" and x != "0" for x in v) or mark == "✗":
            print(f"  A3 {r}: {show(v[:6])} = {s} vs 总计 {v[6] or '（空）0'} {mark}")
    for i, c in enumerate(COLS):
        leaf = sum(n(t2[r][i]) for r in leaves)
        tot = n(t2["r7"][i])
        a1l = n(t2["new"][i]) + n(t2["carried_in"][i])
        a1r = tot + n(t2["carried_out"][i])
        print(f"  {c}: A2 leaves {leaf} vs （七）总计 {tot} {'✓' if leaf == tot else '✗'}; "
              f"A1 {n(t2['new'][i])} + {n(t2['carried_in'][i])} = {a1l} vs {tot} + {n(t2['carried_out'][i])} = {a1r} "
              f"{'✓' if a1l == a1r else '✗'}")
    t3 = rep["t3"]
    for name, k in (("L1 行政复议", 0), ("L2 未经复议直接起诉", 5), ("L3 复议后起诉", 10)):
        four = t3[k:k + 4]
        s = sum(n(x) for x in four)
        print(f"  {name}: {show(four)} = {s} vs 总计 {t3[k + 4] or '（空）0'} {'✓' if s == n(t3[k + 4]) else '✗'}")


def main():
    sd = g.seeds_dir() if len(sys.argv) > 1 else next(
        d for d in (os.path.join(g.HERE, "../../../shared/seeds"), "/work/shared/seeds") if os.path.isdir(d))
    for rep in (g.shanghai(), g.baoshan(sd), g.guiyang(sd), g.hetian(sd), g.jinan(sd)):
        check(rep)


if __name__ == "__main__":
    main()
