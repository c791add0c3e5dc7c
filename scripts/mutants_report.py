#!/usr/bin/env python3
"""Summarizes scripts/mutants.sh's results per source file into docs/mutants.md.

Reads target/mutants/<group>/mutants.out/ (cargo-mutants' lists: caught.txt and, after an
--iterate run, previously_caught.txt; missed.txt; timeout.txt; unviable.txt) and rewrites the
table between the markers in docs/mutants.md. Also prints it. Exit status 0 always: the table
is a measurement, the judgement is in the document's text.
"""
import collections
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "target" / "mutants"
DOC = ROOT / "docs" / "mutants.md"
BEGIN, END = "<!-- mutants-table:begin -->", "<!-- mutants-table:end -->"
LISTS = {
    "caught": ["caught.txt", "previously_caught.txt"],
    "missed": ["missed.txt"],
    "timeout": ["timeout.txt"],
    "unviable": ["unviable.txt"],
}
MUTANT_LINE = re.compile(r"^(src/[^:]+):\d+:\d+: ")


def read_outcomes():
    """file -> outcome -> set of mutant lines (a set: --iterate may list one twice)."""
    table = collections.defaultdict(lambda: collections.defaultdict(set))
    for out in sorted(RESULTS.glob("*/mutants.out")):
        for outcome, names in LISTS.items():
            for name in names:
                path = out / name
                if not path.exists():
                    continue
                for line in path.read_text().splitlines():
                    match = MUTANT_LINE.match(line)
                    if match:
                        table[match.group(1)][outcome].add(line)
    # A mutant caught in a later run is no longer missed.
    for outcomes in table.values():
        outcomes["missed"] -= outcomes["caught"]
        outcomes["timeout"] -= outcomes["caught"]
    return table


def render(table):
    rows = ["| file | caught | missed | timeout | unviable | caught of viable |",
            "|---|---:|---:|---:|---:|---:|"]
    totals = collections.Counter()
    for file in sorted(table):
        counts = {k: len(v) for k, v in table[file].items()}
        for k in LISTS:
            totals[k] += counts.get(k, 0)
        rows.append(row(file, counts))
    rows.append(row("**all measured**", totals))
    missed = sorted(line for f in table for line in table[f]["missed"])
    if missed:
        rows += ["", "Missed (each is explained below or is work still to do):", ""]
        rows += [f"- `{line}`" for line in missed]
    return "\n".join(rows)


def row(file, counts):
    caught, missed, timeout = (counts.get(k, 0) for k in ("caught", "missed", "timeout"))
    viable = caught + missed + timeout
    share = f"{100 * caught / viable:.1f}%" if viable else "n/a"
    # A timeout (a mutant that made a test loop) is counted as not caught: a lower bound.
    return f"| {file} | {caught} | {missed} | {timeout} | {counts.get('unviable', 0)} | {share} |"


def main():
    table = render(read_outcomes())
    print(table)
    if DOC.exists():
        text = DOC.read_text()
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            _, tail = rest.split(END, 1)
            DOC.write_text(f"{head}{BEGIN}\n{table}\n{END}{tail}")


if __name__ == "__main__":
    main()
