#!/usr/bin/env python3
"""Reads Slant's exports with pandas, as a data scientist would, and checks them.

Usage: python3 tests/pandas/check_exports.py DIR

DIR holds sentences.jsonl, sentences_long.csv, sentences_wide.csv, the package's aggregated.jsonl
and annotators.json, and expected.json (written by
tests/integration/pandas-exports.test.ts): row counts, column names, and a note whose exact text
must survive. Exit status 0 when every check passes, 1 otherwise (with the failures on stderr).
"""
import json
import os
import sys

import pandas as pd


def main(folder: str) -> int:
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    sentences = pd.read_json(os.path.join(folder, "sentences.jsonl"), lines=True, dtype=False)
    check(len(sentences) == expected["sentences"], f"sentences.jsonl: {len(sentences)} rows, expected {expected['sentences']}")
    for col in expected["jsonl_columns"]:
        check(col in sentences.columns, f"sentences.jsonl: column {col} missing")

    check(set(sentences["format_version"]) == {4}, f"sentences.jsonl: format_version {set(sentences['format_version'])}, expected 4")
    # Each document's text, rebuilt from its sentences and the whitespace between them, is the
    # document as imported, and start/end (code points) slice each sentence out of it.
    for doc_id, group in sentences.groupby(sentences["document"].map(lambda d: d["id"])):
        group = group.sort_values("sentence_index")
        title = group.iloc[0]["document"]["title"]
        rebuilt = group.iloc[0]["whitespace_before"] + "".join(group["text"] + group["whitespace_after"])
        check(rebuilt == expected["documents"].get(title), f"document {title!r}: rebuilt text {rebuilt!r}")
        for _, row in group.iterrows():
            check(rebuilt[row["start"]:row["end"]] == row["text"], f"sentence {row['sentence_index']} of {title!r}: text[start:end] differs")

    # Offsets are code points: Python slicing gives the span text exactly.
    spans = 0
    for _, row in sentences.iterrows():
        for entry in row["annotations"]:
            for dim, value in entry["labels"].items():
                if isinstance(value, list) and value and isinstance(value[0], dict):
                    for span in value:
                        spans += 1
                        got = row["text"][span["start"]:span["end"]]
                        check(got == span["text"], f"span {span} of sentence {row['sentence_index']}: text[start:end] is {got!r}")
    check(spans == expected["spans"], f"sentences.jsonl: {spans} spans, expected {expected['spans']}")

    entries = pd.json_normalize(sentences.explode("annotations").dropna(subset=["annotations"])["annotations"].tolist())
    check(len(entries) == expected["entries"], f"annotations: {len(entries)} annotator entries, expected {expected['entries']}")
    stance_none = int((entries.filter(like="labels.stance.").astype(object) == "none").sum().sum())
    check(stance_none == expected["stance_none"], f"annotations: {stance_none} 'none' stances, expected {expected['stance_none']}")

    # Time per sentence and annotator: milliseconds, or null where none was recorded.
    check("time_ms" in entries.columns, "annotations: time_ms missing")
    times = pd.to_numeric(entries["time_ms"])
    check(int(times.sum()) == expected["time_ms_total"], f"annotations: time_ms sums to {times.sum()}, expected {expected['time_ms_total']}")
    check(int(times.notna().sum()) == expected["time_ms_entries"], f"annotations: {times.notna().sum()} entries with time_ms")

    long = pd.read_csv(os.path.join(folder, "sentences_long.csv"), keep_default_na=False, dtype=str)
    check(len(long) == expected["long_rows"], f"sentences_long.csv: {len(long)} rows, expected {expected['long_rows']}")
    check(list(long.columns) == expected["long_columns"], f"sentences_long.csv: columns {list(long.columns)}")
    notes = long[(long["dimension"] == "note") & (long["value"] != "")]["value"].tolist()
    check(expected["note_cell"] in notes, f"sentences_long.csv: the note did not survive as text ({notes!r})")
    check((long["value"] == "none").sum() == expected["long_none"], f"sentences_long.csv: {(long['value'] == 'none').sum()} 'none' cells, expected {expected['long_none']}")

    # time_ms repeats on each of an annotator's rows of a sentence: one value per sentence and annotator.
    long_times = long[long["time_ms"] != ""].drop_duplicates(["document_id", "sentence_index", "annotator"])
    check(int(long_times["time_ms"].astype(int).sum()) == expected["time_ms_total"], "sentences_long.csv: time_ms per sentence and annotator")

    wide = pd.read_csv(os.path.join(folder, "sentences_wide.csv"), keep_default_na=False, dtype=str)
    check(len(wide) == expected["sentences"], f"sentences_wide.csv: {len(wide)} rows, expected {expected['sentences']}")
    check(list(wide.columns) == expected["wide_columns"], f"sentences_wide.csv: columns differ: {list(wide.columns)}")
    wide_times = pd.to_numeric(wide.filter(like=".time_ms").replace("", None).stack())
    check(int(wide_times.sum()) == expected["time_ms_total"], f"sentences_wide.csv: time_ms columns sum to {wide_times.sum()}")

    # The package's model-based labels: soft labels (posteriors per value) that sum to 1 per line,
    # and per annotator and dimension the estimated competence.
    aggregated = pd.read_json(os.path.join(folder, "aggregated.jsonl"), lines=True, dtype=False)
    check(len(aggregated) == expected["aggregated_lines"], f"aggregated.jsonl: {len(aggregated)} rows, expected {expected['aggregated_lines']}")
    check(list(aggregated.columns) == expected["aggregated_columns"], f"aggregated.jsonl: columns {list(aggregated.columns)}")
    for model in ("mace", "dawid_skene"):
        posterior = pd.json_normalize(aggregated[f"{model}_posterior"].tolist())
        sums = posterior.fillna(0).sum(axis=1)
        check(bool(((sums - 1).abs() < 1e-5).all()), f"aggregated.jsonl: {model} posteriors sum to {sums.tolist()}")
        # the label is the most probable value (posteriors are rounded to six decimals, so within 1e-6)
        as_key = aggregated[f"{model}_label"].map(lambda v: str(v).lower() if isinstance(v, bool) else v)  # a flag's keys are "false"/"true"
        gap = [max(p.values()) - p[k] for p, k in zip(aggregated[f"{model}_posterior"], as_key)]
        check(max(gap) <= 1e-6, f"aggregated.jsonl: {model}_label is not the most probable value (gaps {gap})")
    with open(os.path.join(folder, "annotators.json"), encoding="utf-8") as f:
        annotators = pd.json_normalize(json.load(f)["annotators"])
    check(len(annotators) == expected["annotator_rows"], f"annotators.json: {len(annotators)} rows, expected {expected['annotator_rows']}")
    for col in ("annotator", "dimension", "target", "ratings", "mace_competence", "dawid_skene_accuracy"):
        check(col in annotators.columns, f"annotators.json: column {col} missing")
    check(bool(annotators["mace_competence"].between(0, 1).all()), "annotators.json: a MACE competence outside [0, 1]")

    if failures:
        for f in failures:
            print(f"FAIL {f}", file=sys.stderr)
        return 1
    print(f"pandas {pd.__version__}: {len(sentences)} sentences, {len(entries)} annotator entries, {len(long)} long rows, {len(wide.columns)} wide columns, {spans} spans: all checks passed")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
