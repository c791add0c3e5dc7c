#!/usr/bin/env python3
"""Summarizes scripts/mutants.sh's results per source file into docs/mutants.md.

Reads every run's lists of every group: target/mutants/<group>/mutants.out/ (the last run) and
target/mutants/<group>/history/*/ (the earlier ones, kept by scripts/mutants.sh), each with
cargo-mutants' caught.txt (and previously_caught.txt after an --iterate run), missed.txt,
timeout.txt and unviable.txt. A mutant caught in any run is caught. Rewrites the table between
the markers in docs/mutants.md, and prints it. Exit status 0 always: the table
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
    runs = sorted(RESULTS.glob("*/mutants.out")) + sorted(RESULTS.glob("*/history/*"))
    for out in runs:
        for outcome, names in LISTS.items():
            for name in names:
                path = out / name
                if not path.exists():
                    continue
                for line in path.read_text().splitlines():
                    match = MUTANT_LINE.match(line)
                    if match:
                        table[match.group(1)][outcome].add(line)
    # A mutant caught in any run is caught; one that timed out once and was missed in another
    # run counts once, as missed.
    for outcomes in table.values():
        outcomes["missed"] -= outcomes["caught"]
        outcomes["timeout"] -= outcomes["caught"] | outcomes["missed"]
        outcomes["unviable"] -= outcomes["caught"] | outcomes["missed"] | outcomes["timeout"]
    return table


def render(table):
    rows = ["| file | caught | timeout | missed | unviable | detected |",
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
        rows += ["", "Missed:", ""]
        rows += [f"- `{line}`" for line in missed]
    return "\n".join(rows)


def row(file, counts):
    caught, missed, timeout = (counts.get(k, 0) for k in ("caught", "missed", "timeout"))
    viable = caught + missed + timeout
    # A timeout is a mutant that made the tests hang (a lock never released, a loop that no
    # longer ends): the suite does not pass, so it is detected, as cargo-mutants' book says.
    share = f"{100 * (caught + timeout) / viable:.1f}%" if viable else "n/a"
    return f"| {file} | {caught} | {timeout} | {missed} | {counts.get('unviable', 0)} | {share} |"


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
