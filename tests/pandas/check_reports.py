#!/usr/bin/env python3
"""Recomputes Slant's sourcing report figures from the raw export with pandas, and compares them
with the reports Slant wrote into the same dataset package.

Usage: python3 tests/pandas/check_reports.py DIR

DIR holds dataset.zip (a Slant dataset package) and expected.json (the schema's value ids),
written by tests/integration/pandas-reports.test.ts. Exit status 0 when every check passes, 1
otherwise (the failures on stderr).

The resolution rule reimplemented here (lib/reports/resolve.ts), per sentence and dimension (and
target, for stance):
1. gold: the reviewer's adjudicated label, where there is one;
2. else majority: when two or more annotators confirmed the sentence, the value most of them
   gave, if no other value was given as often (a confirmed annotator without a value votes
   "no value"); names are compared case- and space-insensitively;
3. else annotator: the label of the only annotator who confirmed the sentence;
4. else unresolved (no chosen fallback annotator: the package's reports use none).
Labels of annotators who did not confirm the sentence never count. One limitation of reading the
export: a gold label cleared to no value exports like no gold (null); the fixture has none.
"""
import io
import json
import os
import re
import sys
import unicodedata
import zipfile
from collections import Counter

import pandas as pd

WORD = re.compile(r"\w+(?:['’]\w+)*")


def name_key(name):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name).strip()).lower()


def capitals(v):
    return sum(1 for c in v if c.isupper()) if isinstance(v, str) else 0


def resolve(gold, votes, normalise=lambda v: v):
    """(value, basis) from the gold value (None: no gold) and the confirmed annotators' votes."""
    if gold is not None:
        return gold, "gold"
    if len(votes) >= 2:
        counts = Counter(normalise(v) for v in votes)
        (top, n), *rest = counts.most_common()
        if not rest or rest[0][1] < n:
            spellings = Counter(v for v in votes if normalise(v) == top)
            # The spelling most voters typed, then the one with more capitals, then alphabetical.
            best = sorted(spellings.items(), key=lambda kv: (-kv[1], -capitals(kv[0]), str(kv[0])))[0][0]
            return best, "majority"
        return None, "unresolved"
    if len(votes) == 1:
        return votes[0], "annotator"
    return None, "unresolved"


def describe_basis(b):
    names = {"gold": "gold", "majority": "majority", "annotator": "one annotator"}
    used = [k for k in ("gold", "majority", "annotator") if b[k] > 0]
    parts = [names[used[0]]] if len(used) == 1 else [f"{names[k]} {b[k]}" for k in used]
    if b["unresolved"]:
        parts.append(f"{b['unresolved']} unresolved")
    return " · ".join(parts) if parts else "no labels"


def main(folder):
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    dims, kinds, targets = expected["dimensions"], expected["sourcing"], expected["targets"]
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    with zipfile.ZipFile(os.path.join(folder, "dataset.zip")) as z:
        sentences = pd.read_json(io.BytesIO(z.read("sentences.jsonl")), lines=True, dtype=False)
        articles_csv = pd.read_csv(io.BytesIO(z.read("reports/articles.csv")), keep_default_na=False, dtype=str)
        outlets_csv = pd.read_csv(io.BytesIO(z.read("reports/outlets.csv")), keep_default_na=False, dtype=str)
    sentences = sentences[~sentences["is_boilerplate"]]

    # One row per sentence with every resolved label and its basis.
    rows = []
    for _, s in sentences.iterrows():
        voters = [e for e in s["annotations"] if e["confirmed"]]
        gold = s["gold"] if isinstance(s["gold"], dict) else {}

        def plain(dim, normalise=lambda v: v):
            return resolve(gold.get(dim), [e["labels"].get(dim) for e in voters], normalise)

        row = {
            "document_id": s["document"]["id"],
            "outlet": s["document"]["outlet"],
            "index": s["sentence_index"],
            "words": len(WORD.findall(s["text"])),
        }
        row["sourcing"], row["sourcing_basis"] = plain(dims["sourcing"])
        row["name"], row["name_basis"] = plain(dims["name"], lambda v: name_key(v) if isinstance(v, str) else v)
        row["type"], row["type_basis"] = plain(dims["type"])
        row["side"], row["side_basis"] = plain(dims["side"])
        for t in targets:
            # Per target: "none" is a confirmed annotator's "no stance"; null, a target their confirmation did not cover.
            g = (gold.get(dims["stance"]) or {}).get(t)
            votes = [(e["labels"].get(dims["stance"]) or {}).get(t) for e in voters]
            v, _ = resolve(g, [None if x == "none" else x for x in votes if x is not None])
            row[f"stance:{t}"] = None if v == "none" else v
        rows.append(row)
    resolved = pd.DataFrame(rows).sort_values(["document_id", "index"])
    resolved["kind"] = resolved["sourcing"].map({kinds["direct"]: "direct", kinds["paraphrased"]: "paraphrased"})
    attributed = resolved[resolved["kind"].notna()].copy()
    attributed["side"] = attributed["side"].fillna("")
    attributed["source_key"] = [
        name_key(n) if isinstance(n, str) else f"unnamed:{side}" for n, side in zip(attributed["name"], attributed["side"])
    ]

    # Per article × source (reports/articles.csv).
    def source_figures(g):
        bases = Counter()
        for col in ("sourcing_basis", "name_basis", "type_basis", "side_basis"):
            bases.update(g[col])
        sides = Counter(s for s in g["side"] if s)  # most frequent first, ties: the first seen
        return {
                "document_id": g["document_id"].iloc[0],
                "source_key": g["source_key"].iloc[0],
                "source_name": g["name"].iloc[0] if isinstance(g["name"].iloc[0], str) else "",
                "source_side": sides.most_common(1)[0][0] if sides else "",
                "sentences": str(len(g)),
                "words": str(int(g["words"].sum())),
                "direct_sentences": str(int((g["kind"] == "direct").sum())),
                "paraphrased_sentences": str(int((g["kind"] == "paraphrased").sum())),
                "sentence_indexes": " ".join(str(i) for i in g["index"]),
                "labels": describe_basis({k: bases.get(k, 0) for k in ("gold", "majority", "annotator", "unresolved")}),
            }

    ours = pd.DataFrame([source_figures(g) for _, g in attributed.groupby(["document_id", "source_key"], sort=True)])
    theirs = articles_csv[list(ours.columns)].sort_values(["document_id", "source_key"]).reset_index(drop=True)
    check(len(ours) == len(theirs), f"articles.csv: {len(theirs)} article × source rows, pandas finds {len(ours)}")
    if len(ours) == len(theirs):
        diff = ours.compare(theirs, result_names=("pandas", "slant"))
        check(diff.empty, f"articles.csv differs from the recomputation:\n{diff.to_string()}")

    # Per outlet (reports/outlets.csv): attributed and unattributed sentences, sentences per side, stance counts.
    resolved["outlet"] = resolved["outlet"].fillna("")
    outlets = resolved.groupby("outlet")
    per_outlet = pd.DataFrame(
        {
            "documents": outlets["document_id"].nunique(),
            "sentences": outlets.size(),
            "words": outlets["words"].sum(),
            "attributed_sentences": outlets["kind"].count(),
            "unattributed_sentences": outlets["sourcing"].apply(lambda v: int((v == kinds["unattributed"]).sum())),
        }
    )
    side_counts = attributed.assign(outlet=attributed["outlet"].fillna("")).pivot_table(
        index="outlet", columns="side", values="index", aggfunc="count", fill_value=0
    )
    for side in side_counts.columns:
        per_outlet[f"side:{side or 'not_given'}:sentences"] = side_counts[side]
    for t in targets:
        counts = resolved.pivot_table(index="outlet", columns=f"stance:{t}", values="index", aggfunc="count", fill_value=0)
        for v in counts.columns:
            per_outlet[f"stance:{t}:{v}"] = counts[v]
    per_outlet = per_outlet.fillna(0).astype(int).astype(str)
    theirs = outlets_csv.set_index("outlet")
    check(sorted(theirs.index) == sorted(per_outlet.index), f"outlets.csv: outlets {list(theirs.index)}, pandas finds {list(per_outlet.index)}")
    for col in per_outlet.columns:
        check(col in theirs.columns, f"outlets.csv: no column {col}")
        if col in theirs.columns:
            a, b = per_outlet[col].sort_index(), theirs[col].reindex(per_outlet.index).sort_index()
            check(a.equals(b), f"outlets.csv {col}: slant {b.to_dict()}, pandas {a.to_dict()}")

    if failures:
        for f in failures:
            print(f"FAIL {f}", file=sys.stderr)
        return 1
    bases = Counter(attributed["sourcing_basis"])
    print(
        f"pandas {pd.__version__}: {len(resolved)} sentences, {len(ours)} article × source rows, {len(per_outlet)} outlets, "
        f"sourcing bases {dict(bases)}: all checks passed"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
