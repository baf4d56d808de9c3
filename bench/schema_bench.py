#!/usr/bin/env python3
"""Whole-process benchmark of schema reading on PostgreSQL, written to its section of bench/RESULTS.md.

A database of 500 tables (each with a serial primary key, three columns, an index and a foreign key to the one
before), built by one revision. Timed as separate processes, interleaved in each round, median of the rounds:
  * `migrate schema`: reads the schema model (what drift and revision --autogenerate compare) and prints it;
    the issue's target, "reading a 500-table schema takes under 2 s", applies to this whole process;
  * peer: `pg_dump --schema-only` of the same database (PostgreSQL's own tool reading the same catalogs);
  * `migrate drift`, for context: reads the live schema, builds the expected one on a scratch database
    (CREATE DATABASE, 500 tables) and reads that too.
Other sections of RESULTS.md are kept.
Usage: MIGRATE_BENCH_PG=postgresql://postgres@127.0.0.1:5432 python3 bench/schema_bench.py [--runs N] [--tables N]
"""
import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("MIGRATE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
BEGIN, END = "<!-- schema benchmark: written by bench/schema_bench.py -->", "<!-- end of schema benchmark -->"
TARGET = 2.0


def run(command, cwd):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start, result.stdout


def java_version():
    result = subprocess.run(["java", "-version"], capture_output=True, text=True)
    return result.stderr.splitlines()[0] if result.stderr else "unknown"


def write_section(lines):
    results = ROOT / "bench" / "RESULTS.md"
    text = results.read_text() if results.exists() else ""
    section = "\n".join([BEGIN, ""] + lines + ["", END])
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda m: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    results.write_text(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tables", type=int, default=500)
    args = parser.parse_args()
    database = f"migrate_bench_schema_{os.getpid()}"
    psql = ["psql", f"{SERVER}/postgres", "-qc"]
    subprocess.run(psql + [f"CREATE DATABASE {database}"], check=True)
    times = {"schema": [], "pg_dump": [], "drift": []}
    try:
        with tempfile.TemporaryDirectory() as work:
            folder = Path(work) / "migrations"
            folder.mkdir()
            up = []
            for i in range(args.tables):
                ref = f", parent_id int REFERENCES t{i - 1}(id)" if i else ""
                up.append(f"CREATE TABLE t{i} (id serial PRIMARY KEY, name text NOT NULL, score int DEFAULT 0{ref});")
                up.append(f"CREATE INDEX ix_t{i}_name ON t{i} (name);")
            (folder / "001_tables.sql").write_text("-- revision: 001\n-- down_revision: none\n-- message: tables\n\n"
                                                   "-- migrate:upgrade\n" + "\n".join(up) + "\n")
            url = f"{SERVER}/{database}"
            migrate = [str(ROOT / "migrate"), "--url", url, "--dir", str(folder)]
            run(migrate + ["upgrade", "head", "-q"], work)
            _, listing = run(migrate + ["schema"], work)  # warm-up, and a check that it read every table
            if f"{args.tables} tables" not in listing.splitlines()[0]:
                sys.exit(f"migrate schema did not read {args.tables} tables: {listing.splitlines()[0]}")
            run(migrate + ["drift"], work)
            for _ in range(args.runs):
                times["schema"].append(run(migrate + ["schema"], work)[0])
                times["pg_dump"].append(run(["pg_dump", "--schema-only", "-d", url, "-f", os.devnull], work)[0])
                times["drift"].append(run(migrate + ["drift"], work)[0])
    finally:
        subprocess.run(psql + [f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"], check=True)
    median = {name: statistics.median(values) for name, values in times.items()}
    peer = median["pg_dump"]
    verdict = "met" if median["schema"] < TARGET else "NOT met"
    lines = [
        f"## Schema reading (PostgreSQL, {args.tables} tables)", "",
        f"Written by `python3 bench/schema_bench.py`; whole processes through `./migrate`, wall time, median of "
        f"{args.runs} interleaved rounds after one warm-up. {args.tables} tables, each with a serial primary key, "
        "three columns, an index and a foreign key.", "",
        f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, {java_version()}",
        f"- Date: {date.today().isoformat()}", "",
        "| what | median | ratio to pg_dump | target |", "| --- | --- | --- | --- |",
        f"| `migrate schema` (read the model, print it) | {median['schema']:.3f} s | {median['schema'] / peer:.2f}x "
        f"| < {TARGET:.0f} s: {verdict} |",
        f"| peer: `pg_dump --schema-only` | {peer:.3f} s | 1.00x |  |",
        f"| `migrate drift` (read twice, build {args.tables} tables on a scratch database) | {median['drift']:.3f} s "
        f"| {median['drift'] / peer:.2f}x |  |",
        "", "All runs (seconds):", "",
    ]
    for name, values in times.items():
        lines.append(f"- {name}: {', '.join(f'{t:.3f}' for t in values)}")
    lines += ["", "`migrate schema` includes the JVM's start-up (see the first section's floor); the server shares "
              "the machine's cores with the runner, so compare the ratios, measured in the same rounds."]
    write_section(lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
