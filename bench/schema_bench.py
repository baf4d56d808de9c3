#!/usr/bin/env python3
"""Whole-process benchmark of schema reading on PostgreSQL, appended to bench/RESULTS.md.

`migrate drift` on a database of 500 tables (each with a primary key, three columns, an index and a foreign key),
built by one revision: the command reads the live schema, builds the expected one on a scratch database and reads
that too. Peer measured in the same run, interleaved: `pg_dump --schema-only` of the same database (a full read of
the same catalogs by PostgreSQL's own tool).
Usage: MIGRATE_BENCH_PG=postgresql://postgres@127.0.0.1:5432 python3 bench/schema_bench.py [--runs N] [--tables N]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("MIGRATE_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")


def run(command, cwd):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tables", type=int, default=500)
    args = parser.parse_args()
    database = "migrate_bench_schema"
    psql = ["psql", f"{SERVER}/postgres", "-qc"]
    subprocess.run(psql + [f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"], check=True)
    subprocess.run(psql + [f"CREATE DATABASE {database}"], check=True)
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
            drift, dump = [], []
            run(migrate + ["drift"], work)  # warm-up
            for _ in range(args.runs):
                drift.append(run(migrate + ["drift"], work))
                dump.append(run(["pg_dump", "--schema-only", "-d", url, "-f", os.devnull], work))
    finally:
        subprocess.run(psql + [f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"], check=True)
    d, p = statistics.median(drift), statistics.median(dump)
    with open(ROOT / "bench" / "RESULTS.md", "a") as out:
        out.write(f"\n## Schema reading (PostgreSQL, {args.tables} tables)\n\n"
                  f"Written by `python3 bench/schema_bench.py`; median of {args.runs} interleaved runs.\n\n"
                  "| what | median | ratio | target |\n| --- | --- | --- | --- |\n"
                  f"| `migrate drift` ({args.tables} tables read twice, built once on a scratch database) | {d:.3f} s "
                  f"| {d / p:.2f}x pg_dump | < 2 s per read |\n"
                  f"| peer: `pg_dump --schema-only` | {p:.3f} s | 1.00x |  |\n\n"
                  f"- drift: {', '.join(f'{x:.3f}' for x in drift)}\n- pg_dump: {', '.join(f'{x:.3f}' for x in dump)}\n")
    print(f"drift {d:.3f} s, pg_dump {p:.3f} s")


if __name__ == "__main__":
    main()
