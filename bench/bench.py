#!/usr/bin/env python3
"""Whole-process benchmarks of the migrate CLI on SQLite, written to bench/RESULTS.md.

Measures, as separate processes (what a user or CI waits for):
  * `migrate current` on a database at head of a 1,000-revision folder;
  * `migrate upgrade head` through those 1,000 trivial revisions, from an empty database.
Peers measured in the same run, so ratios stay meaningful on any machine:
  * JVM floor: `./migrate --version` (start-up of the same launcher and jar, no work);
  * sqlite3: the same 1,000 CREATE TABLE statements and version-row updates, each in its own
    transaction, run by the sqlite3 shell (the database's own cost of the work).
Usage: python3 bench/bench.py [--runs N] [--revisions N]
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "target" / "migrate.jar"
# The launcher, as users run it: it adds the start-up aids (class-data archive, extracted SQLite library).
JAVA = [str(ROOT / "migrate")]


def write_folder(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    previous = "none"
    for i in range(1, count + 1):
        rev = f"{i:04d}"
        (folder / f"{rev}_table_{rev}.sql").write_text(
            f"-- revision: {rev}\n-- down_revision: {previous}\n-- message: create table {rev}\n\n"
            f"-- migrate:upgrade\nCREATE TABLE t_{rev} (id INTEGER PRIMARY KEY, name TEXT);\n\n"
            f"-- migrate:downgrade\nDROP TABLE t_{rev};\n")
        previous = rev


def sqlite3_script(count: int) -> str:
    lines = ["CREATE TABLE migrate_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY);"]
    for i in range(1, count + 1):
        rev = f"{i:04d}"
        change = ("INSERT INTO migrate_version VALUES ('0001');" if i == 1
                  else f"UPDATE migrate_version SET version_num = '{rev}' WHERE version_num = '{i - 1:04d}';")
        lines.append(f"BEGIN; CREATE TABLE t_{rev} (id INTEGER PRIMARY KEY, name TEXT); {change} COMMIT;")
    return "\n".join(lines) + "\n"


def timed(command, cwd, stdin=None, prepare=None):
    if prepare:
        prepare()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return elapsed


def measure(runs, command, cwd, stdin=None, prepare=None):
    timed(command, cwd, stdin, prepare)  # warm the file cache once
    return [timed(command, cwd, stdin, prepare) for _ in range(runs)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--revisions", type=int, default=1000)
    args = parser.parse_args()
    # One launcher run builds the jar if needed and prepares its start-up aids before anything is timed.
    subprocess.run(JAVA + ["--version"], cwd=ROOT, check=True, capture_output=True)
    work = Path(tempfile.mkdtemp(prefix="migrate-bench-"))
    try:
        folder = work / "migrations"
        write_folder(folder, args.revisions)
        db = work / "bench.db"
        url = f"--url=jdbc:sqlite:{db}"

        def fresh():
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)

        upgrade = measure(args.runs, JAVA + ["upgrade", "head", url, f"--dir={folder}", "-q"], work, prepare=fresh)
        current = measure(args.runs, JAVA + ["current", url, f"--dir={folder}"], work)
        floor = measure(args.runs, JAVA + ["--version"], work)
        sqlite_upgrade = []
        if shutil.which("sqlite3"):
            peer_db = work / "peer.db"
            script = sqlite3_script(args.revisions)
            sqlite_upgrade = measure(args.runs, ["sqlite3", str(peer_db)], work, stdin=script,
                                     prepare=lambda: peer_db.unlink(missing_ok=True))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    med = statistics.median
    rows = [
        ("`migrate current` at head", med(current), f"{med(current) / med(floor):.2f}x the JVM floor", "< 0.5 s"),
        (f"`migrate upgrade head`, {args.revisions} revisions", med(upgrade),
         (f"{med(upgrade) / med(sqlite_upgrade):.2f}x sqlite3" if sqlite_upgrade else "n/a"), "< 5 s"),
        ("JVM floor: `./migrate --version`", med(floor), "1.00x", ""),
    ]
    if sqlite_upgrade:
        rows.append((f"peer: sqlite3 shell, same {args.revisions} transactions", med(sqlite_upgrade), "1.00x", ""))
    java_version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    lines = [
        "# Benchmarks",
        "",
        "Written by `python3 bench/bench.py`; whole processes, wall time, median of "
        f"{args.runs} runs after one warm-up run. Do not edit by hand: run the script again.",
        "",
        f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, {java_version}",
        f"- Date: {time.strftime('%Y-%m-%d')}",
        "",
        "| what | median | ratio | target |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {name} | {seconds:.3f} s | {ratio} | {target} |" for name, seconds, ratio, target in rows]
    lines += [
        "",
        "Notes:",
        "",
        "- Both migrate figures run through `./migrate`, as users do: the launcher adds a class-data-sharing archive",
        "  and SQLite's extracted native library (see README, Performance). The floor runs the same launcher and jar",
        "  doing nothing but printing its version (which builds picocli's model of every subcommand).",
        "- This machine shares its 2 cores with other services; medians move by tens of milliseconds between runs,",
        "  so compare the ratios, measured in the same run, rather than absolute times across runs.",
    ]
    lines += ["", "All runs (seconds):", ""]
    lines.append(f"- upgrade: {', '.join(f'{t:.3f}' for t in upgrade)}")
    lines.append(f"- current: {', '.join(f'{t:.3f}' for t in current)}")
    lines.append(f"- JVM floor: {', '.join(f'{t:.3f}' for t in floor)}")
    if sqlite_upgrade:
        lines.append(f"- sqlite3: {', '.join(f'{t:.3f}' for t in sqlite_upgrade)}")
    # Keep the sections bench/schema_bench.py and bench/fleet.py write between their markers (they need a
    # PostgreSQL server, so they run on their own): everything from the first marker on.
    results = ROOT / "bench" / "RESULTS.md"
    previous = results.read_text() if results.exists() else ""
    others = previous[previous.find("<!-- "):] if "<!-- " in previous else ""
    results.write_text("\n".join(lines) + "\n" + ("\n" + others if others else ""))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
