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
import subprocess

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


def current_mutants():
    """The mutants of the library as it is now, as cargo-mutants names them."""
    listing = subprocess.run(
        ["cargo", "mutants", "--list", "--file", "src/**/*.rs", "--file", "src/*.rs"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return {line for line in listing.splitlines() if MUTANT_LINE.match(line)}


def read_outcomes():
    """file -> outcome -> set of mutant lines (a set: --iterate may list one twice).

    Only mutants that exist in the code as it is now count: a result for a line that has
    since moved or changed is stale (mutants are named by file, line and column)."""
    current = current_mutants()
    table = collections.defaultdict(lambda: collections.defaultdict(set))
    for line in current:
        table[MUTANT_LINE.match(line).group(1)]["all"].add(line)
    runs = sorted(RESULTS.glob("*/mutants.out")) + sorted(RESULTS.glob("*/history/*"))
    for out in runs:
        for outcome, names in LISTS.items():
            for name in names:
                path = out / name
                if not path.exists():
                    continue
                for line in path.read_text().splitlines():
                    if line in current:
                        table[MUTANT_LINE.match(line).group(1)][outcome].add(line)
    # A mutant caught in any run is caught; one that timed out once and was missed in another
    # run counts once, as missed.
    # previously_caught.txt (written by --iterate) lists the unviable mutants it skipped too:
    # a mutant that did not compile in some run is unviable, whatever else lists it.
    for outcomes in table.values():
        outcomes["caught"] -= outcomes["unviable"]
        outcomes["missed"] -= outcomes["caught"] | outcomes["unviable"]
        outcomes["timeout"] -= outcomes["caught"] | outcomes["missed"] | outcomes["unviable"]
        outcomes["not run"] = outcomes["all"] - outcomes["caught"] - outcomes["missed"] - \
            outcomes["timeout"] - outcomes["unviable"]
    # Files with no result at all are not listed (they were not measured yet).
    return {f: o for f, o in table.items() if o["all"] != o["not run"]}


def render(table):
    rows = ["| file | caught | timeout | missed | unviable | not run yet | detected |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    totals = collections.Counter()
    for file in sorted(table):
        counts = {k: len(v) for k, v in table[file].items()}
        for k in counts:
            totals[k] += counts[k]
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
    unviable, not_run = counts.get("unviable", 0), counts.get("not run", 0)
    return f"| {file} | {caught} | {timeout} | {missed} | {unviable} | {not_run} | {share} |"


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
