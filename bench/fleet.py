#!/usr/bin/env python3
"""Whole-process benchmark of `migrate fleet` on PostgreSQL, written to the Fleets section of bench/RESULTS.md.

Brings 200 schemas of one database from base to head (5 revisions) with `migrate fleet upgrade --all` at
--parallel 1, 4 and 8, and measures the peer in the same rounds: 200 sequential single-database runs
(`migrate --schema sNNN upgrade head`, one process each), which is what a shell loop over tenants does.
Rounds are interleaved (each round runs every variant once, on a freshly created database), medians reported.
Usage: python3 bench/fleet.py [--runs N] [--schemas N] [--host H] [--port P] [--user U]
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIGRATE = [str(ROOT / "migrate")]
BEGIN, END = "<!-- fleet benchmark: written by bench/fleet.py -->", "<!-- end of fleet benchmark -->"


def psql(args, sql):
    subprocess.run(["psql", "-h", args.host, "-p", str(args.port), "-U", args.user, "-d", "postgres", "-qAt",
                    "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True)


def write_folder(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    previous = "none"
    for i in range(1, count + 1):
        rev = f"r{i}"
        (folder / f"{rev}.sql").write_text(
            f"-- revision: {rev}\n-- down_revision: {previous}\n\n-- migrate:upgrade\n"
            f"CREATE TABLE t_{i} (id INTEGER PRIMARY KEY, name TEXT);\n"
            f"CREATE INDEX t_{i}_name ON t_{i} (name);\n\n-- migrate:downgrade\nDROP TABLE t_{i};\n")
        previous = rev


def timed(command, cwd):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--schemas", type=int, default=200)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5432)
    parser.add_argument("--user", default="postgres")
    args = parser.parse_args()
    subprocess.run(MIGRATE + ["--version"], cwd=ROOT, check=True, capture_output=True)  # builds the jar if needed
    database = f"migrate_bench_fleet_{os.getpid()}"
    url = f"jdbc:postgresql://{args.host}:{args.port}/{database}"
    work = Path(tempfile.mkdtemp(prefix="migrate-fleet-bench-"))
    schemas = [f"s{i:03d}" for i in range(1, args.schemas + 1)]
    parallels = [1, 4, 8]
    times = {p: [] for p in parallels}
    sequential = []
    try:
        write_folder(work / "migrations", 5)
        (work / "targets.toml").write_text(
            f'[targets.tenants]\nurl = "{url}"\nschemas = [{", ".join(chr(34) + s + chr(34) for s in schemas)}]\n')
        common = ["--dir", str(work / "migrations"), "--user", args.user, "-q"]
        loop = " && ".join(f"{' '.join(MIGRATE)} --url {url} --schema {s} {' '.join(common)} upgrade head"
                           for s in schemas)

        def fresh():
            psql(args, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            psql(args, f"CREATE DATABASE {database}")

        for _ in range(args.runs):
            for p in parallels:
                fresh()
                times[p].append(timed(MIGRATE + common + ["fleet", "upgrade", "--all", "--parallel", str(p),
                                                          "--targets", str(work / "targets.toml")], work))
            fresh()
            sequential.append(timed(["bash", "-c", loop], work))
    finally:
        psql(args, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)

    med = statistics.median
    peer = med(sequential)
    java_version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    lines = [BEGIN, "", "## Fleets: 200 schemas from base to head", "",
             f"Written by `python3 bench/fleet.py`; whole processes, wall time, median of {args.runs} interleaved "
             f"rounds, each on a freshly created database. {args.schemas} schemas of one PostgreSQL "
             "database, 5 revisions each (a table and an index).", "",
             f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, {java_version}",
             f"- Date: {time.strftime('%Y-%m-%d')}", "",
             "| what | median | ratio to the peer |", "| --- | --- | --- |"]
    for p in parallels:
        lines.append(f"| `migrate fleet upgrade --all --parallel {p}` | {med(times[p]):.2f} s | "
                     f"{med(times[p]) / peer:.3f}x |")
    lines.append(f"| peer: {args.schemas} sequential `migrate --schema sNNN upgrade head` | {peer:.2f} s | 1.000x |")
    lines += ["", "All runs (seconds):", ""]
    for p in parallels:
        lines.append(f"- parallel {p}: {', '.join(f'{t:.2f}' for t in times[p])}")
    lines.append(f"- sequential runs: {', '.join(f'{t:.2f}' for t in sequential)}")
    lines += ["", "The server and other work share this machine's cores with the runner, so single runs vary widely",
              "(see all runs); the ratios, measured in the same rounds, are the figures to compare.", "", END]
    results = ROOT / "bench" / "RESULTS.md"
    text = results.read_text() if results.exists() else ""
    section = "\n".join(lines)
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda m: section, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    results.write_text(text)
    print(section)


if __name__ == "__main__":
    main()
