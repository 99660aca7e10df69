"""Compares a calibration table written by vispark with a CASA-written one of the same type.

Usage: compare_caltable.py OURS CASA EXPECTED_JSON

EXPECTED_JSON: {"keywords": {name: value}, "info": {"type":..., "subType":...},
                "values": {"MAIN" or subtable name: {column: [per-row value]}}}
where an array cell is given flat in casacore order (first axis fastest) and Complex cells as interleaved
float32 re, im pairs.

Prints JSON lists (empty = agreement):
  missingKeywords       table keywords CASA's table has and ours lacks
  keywordValues         expected keyword / table.info values that differ
  missingSubtables      subtables (keywords holding tables) CASA's has and ours lacks, or that do not open
  columnDiffs           main-table columns missing/extra or differing in value type or dimensionality
                        (a CASA variable-shape column, ndim -1, is compared by the ndim of its cells)
  columnKeywordDiffs    main-table and subtable column keywords (QuantumUnits, MEASINFO) that differ
  subtableColumnDiffs   subtable columns missing or differing in value type
  valueMismatches       values read back that differ from the expected ones
and notes: informational differences (storage managers, fixed versus variable shapes).
"""
import json
import sys

import numpy as np
import casacore.tables as t


def open_table(path):
    return t.table(path, ack=False)


def subtable_names(tb):
    kw = tb.getkeywords()
    return [k for k, v in kw.items() if isinstance(v, str) and v.startswith("Table: ")]


def cell_ndim(tb, col):
    for r in range(tb.nrows()):
        if tb.iscelldefined(col, r):
            return np.asarray(tb.getcell(col, r)).ndim
    return None


def normalise(v):
    if isinstance(v, np.ndarray):
        return [normalise(x) for x in v.tolist()]
    if isinstance(v, dict):
        return {k: normalise(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [normalise(x) for x in v]
    if isinstance(v, np.generic):
        return v.item()
    return v


def flat_cell(v):
    """A cell flat in casacore order; Complex as interleaved re, im of its own precision."""
    a = np.ascontiguousarray(np.asarray(v))
    if np.iscomplexobj(a):
        return a.view(np.float32 if a.dtype == np.complex64 else np.float64).ravel()
    return a.ravel()


def compare_columns(ours, casa, where, diffs, kwdiffs, notes, main):
    oc, cc = set(ours.colnames()), set(casa.colnames())
    for c in sorted(cc - oc):
        diffs.append(f"{where}: column {c} missing")
    if main:
        for c in sorted(oc - cc):
            diffs.append(f"{where}: column {c} not in CASA's table")
    for c in sorted(oc & cc):
        od, cd = ours.getcoldesc(c), casa.getcoldesc(c)
        if od.get("valueType") != cd.get("valueType"):
            diffs.append(f"{where}: column {c} type {od.get('valueType')} vs CASA {cd.get('valueType')}")
        ond, cnd = od.get("ndim", 0), cd.get("ndim", 0)
        if ond != cnd:
            if cnd == -1:
                cell = cell_ndim(casa, c)
                if cell is not None and cell != ond:
                    diffs.append(f"{where}: column {c} ndim {ond} vs CASA cells of ndim {cell}")
                else:
                    notes.append(f"{where}: column {c} is fixed-shape (ndim {ond}), CASA's variable-shape")
            else:
                diffs.append(f"{where}: column {c} ndim {ond} vs CASA {cnd}")
        if od.get("dataManagerType") != cd.get("dataManagerType"):
            notes.append(f"{where}: column {c} stored by {od.get('dataManagerType')}, CASA "
                         f"{cd.get('dataManagerType')}")
        okw, ckw = normalise(ours.getcolkeywords(c)), normalise(casa.getcolkeywords(c))
        for k in sorted(set(ckw) | set(okw)):
            if okw.get(k) != ckw.get(k):
                kwdiffs.append(f"{where}: column {c} keyword {k}: {okw.get(k)!r} vs CASA {ckw.get(k)!r}")


def compare_values(tb, where, expected, mismatches):
    for col, rows in expected.items():
        if col not in tb.colnames():
            mismatches.append(f"{where}: column {col} missing")
            continue
        if len(rows) != tb.nrows():
            mismatches.append(f"{where}: {tb.nrows()} rows, expected {len(rows)}")
            return
        for r, want in enumerate(rows):
            got = tb.getcell(col, r)
            if isinstance(want, list):
                got = flat_cell(got)
                if len(got) != len(want):
                    mismatches.append(f"{where} {col}[{r}]: {len(got)} values, expected {len(want)}")
                elif isinstance(want[0], bool):
                    if [bool(x) for x in got] != want:
                        mismatches.append(f"{where} {col}[{r}]: {got.tolist()} vs {want}")
                elif isinstance(want[0], str):
                    if got.tolist() != want:
                        mismatches.append(f"{where} {col}[{r}]: {got.tolist()} vs {want}")
                elif not np.array_equal(got, np.asarray(want, dtype=got.dtype)):
                    # want is the shortest decimal form of the written value: exact in the column's precision
                    mismatches.append(f"{where} {col}[{r}]: {got.tolist()} vs {want}")
            else:
                got = normalise(got)
                if got != want:
                    mismatches.append(f"{where} {col}[{r}]: {got!r} vs {want!r}")


def main():
    ours_path, casa_path, expected_path = sys.argv[1:4]
    with open(expected_path) as f:
        expected = json.load(f)
    ours, casa = open_table(ours_path), open_table(casa_path)
    out = {k: [] for k in ["missingKeywords", "keywordValues", "missingSubtables", "columnDiffs",
                           "columnKeywordDiffs", "subtableColumnDiffs", "valueMismatches", "notes"]}
    okw, ckw = ours.getkeywords(), casa.getkeywords()
    out["missingKeywords"] = sorted(set(ckw) - set(okw))
    for k, v in expected.get("keywords", {}).items():
        if okw.get(k) != v:
            out["keywordValues"].append(f"keyword {k}: {okw.get(k)!r}, expected {v!r}")
    info = ours.info()
    for k, v in expected.get("info", {}).items():
        if info.get(k) != v:
            out["keywordValues"].append(f"table.info {k}: {info.get(k)!r}, expected {v!r}")
    if casa.info().get("type") != info.get("type"):
        out["keywordValues"].append(f"table.info type {info.get('type')!r} vs CASA {casa.info().get('type')!r}")
    compare_columns(ours, casa, "main", out["columnDiffs"], out["columnKeywordDiffs"], out["notes"], True)

    ours_subs = set(subtable_names(ours))
    for s in subtable_names(casa):
        if s not in ours_subs:
            out["missingSubtables"].append(s)
            continue
        try:
            osub = open_table(ours_path + "/" + s)
        except Exception as e:  # noqa: BLE001 - reported
            out["missingSubtables"].append(f"{s} (does not open: {e})")
            continue
        csub = open_table(casa_path + "/" + s)
        compare_columns(osub, csub, s, out["subtableColumnDiffs"], out["columnKeywordDiffs"], out["notes"], False)

    for where, cols in expected.get("values", {}).items():
        tb = ours if where == "MAIN" else open_table(ours_path + "/" + where)
        compare_values(tb, where, cols, out["valueMismatches"])
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
