#!/usr/bin/env python3
"""Whole-process benchmarks of the migrate CLI, written to bench/RESULTS.md.

Every case runs as a separate process (what a user or CI waits for), and the cases are interleaved round by round,
so that the load of other work on the machine falls on all of them alike: compare ratios measured in one run.

SQLite, always:
  * `migrate upgrade head` through 1,000 trivial revisions, from an empty database;
  * `migrate current` on that database at head;
  * peers: the sqlite3 shell running the same 1,000 transactions (CREATE TABLE and the version-row change each),
    a plain JVM+JDBC program (bench/peer/JdbcPeer.java) doing the same, and reading the version table;
  * the launcher's own `--version` (the JVM floor with migrate's jar).
PostgreSQL, when a server is given (--postgres URL, or $MIGRATE_BENCH_POSTGRES_URL; needs psql):
  * the same upgrade and current, against `psql -f` with a transaction per migration and the JVM+JDBC program;
  * one big migration (--big-rows single-row INSERTs, one statement per line) against `psql -1 -f`.
A large graph (--graph-revisions, a chain of 10,000 by default), on SQLite and, when given, PostgreSQL:
  * `check` and `history` (SQLite only: they read the files, and history an empty database);
  * `upgrade head` from an empty database and `downgrade base` from a database at head (copied from one upgraded
    before the rounds, outside the timing), beside the 1,000-revision upgrade, so that the upgrade's ratio to ten
    times the 1,000-revision one and the downgrade's ratio to the upgrade come from the same rounds.
Each PostgreSQL run gets a freshly created database (created and dropped outside the timing).
Usage: python3 bench/bench.py [--runs N] [--only GROUP,...] [--revisions N] [--postgres URL] [--big-rows N]
                              [--graph-revisions N]
Groups: sqlite (upgrade, current, peers, the JVM floor), postgres (upgrade, current, peers, one big migration),
graph (the large graph, with the 1,000-revision upgrades and the JVM floor its ratios need). A run of only some
groups prints its table and leaves bench/RESULTS.md alone.
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
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "target" / "migrate.jar"
# The launcher, as users run it: it adds the start-up aids (class-data archive, extracted SQLite library).
MIGRATE = [str(ROOT / "migrate")]
# The launcher's JVM options, given to the JVM peer too, so the floor is the same JVM set up the same way.
PEER_JVM = ["java", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC", "-Xmn8m",
            "-XX:-UsePerfData", "-Xshare:auto"]


def write_folder(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    previous = "none"
    for i in range(1, count + 1):
        rev = f"{i:05d}" if count > 9999 else f"{i:04d}"
        (folder / f"{rev}_table_{rev}.sql").write_text(
            f"-- revision: {rev}\n-- down_revision: {previous}\n-- message: create table {rev}\n\n"
            f"-- migrate:upgrade\nCREATE TABLE t_{rev} (id INTEGER PRIMARY KEY, name TEXT);\n\n"
            f"-- migrate:downgrade\nDROP TABLE t_{rev};\n")
        previous = rev


def peer_script(count: int) -> str:
    """The same work as a plain SQL script: one transaction per migration, as psql -f and sqlite3 run it."""
    lines = ["CREATE TABLE migrate_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY);"]
    width = 5 if count > 9999 else 4
    for i in range(1, count + 1):
        rev = f"{i:0{width}d}"
        change = (f"INSERT INTO migrate_version VALUES ('{rev}');" if i == 1
                  else f"UPDATE migrate_version SET version_num = '{rev}' WHERE version_num = '{i - 1:0{width}d}';")
        lines.append(f"BEGIN;\nCREATE TABLE t_{rev} (id INTEGER PRIMARY KEY, name TEXT);\n{change}\nCOMMIT;")
    return "\n".join(lines) + "\n"


def big_body(rows: int) -> str:
    filler = "x" * 120
    return ("CREATE TABLE big (id INTEGER PRIMARY KEY, filler TEXT);\n"
            + "".join(f"INSERT INTO big VALUES ({i}, '{filler}');\n" for i in range(1, rows + 1)))


def run(command, cwd, stdin=None, env=None):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return elapsed


class Postgres:
    """Creates and drops the benchmark's databases with psql; builds URLs for migrate, the peer and psql."""

    def __init__(self, url: str):
        parsed = urllib.parse.urlparse(url.removeprefix("jdbc:"))
        query = dict(urllib.parse.parse_qsl(parsed.query))
        self.host, self.port = parsed.hostname or "127.0.0.1", str(parsed.port or 5432)
        self.user = query.get("user") or parsed.username or "postgres"
        self.env = dict(os.environ, PGHOST=self.host, PGPORT=self.port, PGUSER=self.user)
        if query.get("password") or parsed.password:
            self.env["PGPASSWORD"] = query.get("password") or parsed.password

    def psql(self, *args, database="postgres", stdin=None):
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, *args], input=stdin,
                       env=self.env, check=True, capture_output=True, text=True)

    def fresh(self, name, template=None):
        self.psql("-c", f"DROP DATABASE IF EXISTS {name}",
                  "-c", f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))

    def drop(self, name):
        self.psql("-c", f"DROP DATABASE IF EXISTS {name}")

    def jdbc(self, name):
        url = f"jdbc:postgresql://{self.host}:{self.port}/{name}?user={self.user}"
        if "PGPASSWORD" in self.env:
            url += "&password=" + urllib.parse.quote(self.env["PGPASSWORD"])
        return url


GROUPS = ("sqlite", "postgres", "graph")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default=",".join(GROUPS),
                        help="comma-separated groups to run (" + ", ".join(GROUPS) + "); a partial run prints its "
                             "table and leaves bench/RESULTS.md alone")
    parser.add_argument("--revisions", type=int, default=1000)
    parser.add_argument("--postgres", default=os.environ.get("MIGRATE_BENCH_POSTGRES_URL"))
    parser.add_argument("--big-rows", type=int, default=100_000)
    parser.add_argument("--graph-revisions", type=int, default=10_000)
    args = parser.parse_args()
    groups = {group.strip() for group in args.only.split(",") if group.strip()}
    if not groups <= set(GROUPS):
        sys.exit(f"unknown group(s) {', '.join(sorted(groups - set(GROUPS)))}; groups: {', '.join(GROUPS)}")
    # One launcher run builds the jar if needed and prepares its start-up aids before anything is timed.
    subprocess.run(MIGRATE + ["--version"], cwd=ROOT, check=True, capture_output=True)
    work = Path(tempfile.mkdtemp(prefix="migrate-bench-"))
    pg = Postgres(args.postgres) if args.postgres and shutil.which("psql") else None
    databases = []
    try:
        folder = work / "migrations"
        write_folder(folder, args.revisions)
        script = peer_script(args.revisions)
        (work / "peer.sql").write_text(script)
        peer_classes = work / "peer"
        subprocess.run(["javac", "-d", str(peer_classes), str(ROOT / "bench" / "peer" / "JdbcPeer.java")], check=True)
        native = ROOT / "target" / "native"
        peer = PEER_JVM + ([f"-Dorg.sqlite.lib.path={native}", "-Dorg.sqlite.lib.name=libsqlitejdbc.so"]
                           if (native / "libsqlitejdbc.so").exists() else []) \
            + ["-cp", f"{JAR}{os.pathsep}{peer_classes}", "JdbcPeer"]
        db, peer_db, jdbc_db = work / "bench.db", work / "peer.db", work / "jdbc.db"

        def unlink(path):
            for suffix in ("", "-journal", "-wal", "-shm", ".migrate-lock"):
                Path(str(path) + suffix).unlink(missing_ok=True)

        # name -> (prepare, command, stdin, env); a case's prepare runs untimed right before it.
        cases = {}
        if groups & {"sqlite", "graph"}:
            cases["sqlite: migrate upgrade head"] = (lambda: unlink(db), MIGRATE + [
                "upgrade", "head", f"--url=jdbc:sqlite:{db}", f"--dir={folder}", "-q"], None, None)
        if "sqlite" in groups:
            cases["sqlite: sqlite3 shell"] = (lambda: unlink(peer_db), ["sqlite3", str(peer_db)], script, None)
            cases["sqlite: JVM+JDBC upgrade"] = (lambda: unlink(jdbc_db), peer + [
                "upgrade", f"jdbc:sqlite:{jdbc_db}", str(args.revisions)], None, None)
            cases["sqlite: migrate current"] = (None, MIGRATE + [
                "current", f"--url=jdbc:sqlite:{db}", f"--dir={folder}"], None, None)
            cases["sqlite: JVM+JDBC current"] = (None, peer + ["current", f"jdbc:sqlite:{jdbc_db}"], None, None)
        if groups & {"sqlite", "graph"}:
            cases["JVM floor: migrate --version"] = (None, MIGRATE + ["--version"], None, None)
        if "graph" in groups:
            # A large graph: check reads every file whole; history reads every header and the (empty) database.
            graph = work / "graph"
            write_folder(graph, args.graph_revisions)
            cases["sqlite: migrate check, large graph"] = (None, MIGRATE + ["check", f"--dir={graph}"], None, None)
            cases["sqlite: migrate history, large graph"] = (None, MIGRATE + [
                "history", f"--dir={graph}", f"--url=jdbc:sqlite:{work / 'graph.db'}"], None, None)
            # Upgrade from empty, downgrade from a copy of a database at head made once, before the rounds.
            graph_up, graph_head, graph_down = work / "graph-up.db", work / "graph-head.db", work / "graph-down.db"
            subprocess.run(MIGRATE + ["upgrade", "head", f"--url=jdbc:sqlite:{graph_head}", f"--dir={graph}", "-q"],
                           cwd=work, check=True, capture_output=True)

            def at_head(path):
                unlink(path)
                shutil.copyfile(graph_head, path)

            cases["sqlite: migrate upgrade head, large graph"] = (lambda: unlink(graph_up), MIGRATE + [
                "upgrade", "head", f"--url=jdbc:sqlite:{graph_up}", f"--dir={graph}", "-q"], None, None)
            cases["sqlite: migrate downgrade base, large graph"] = (lambda: at_head(graph_down), MIGRATE + [
                "downgrade", "base", f"--url=jdbc:sqlite:{graph_down}", f"--dir={graph}", "-q"], None, None)
            if shutil.which("sqlite3"):
                # SQLite's own scaling: CREATE TABLE scans sqlite_schema, so its time per table grows with the
                # number of tables; the shell running the same transactions shows what the database itself does.
                cases["sqlite: sqlite3 shell"] = (lambda: unlink(peer_db), ["sqlite3", str(peer_db)], script, None)
                graph_script = peer_script(args.graph_revisions)
                cases["sqlite: sqlite3 shell, large graph"] = (lambda: unlink(work / "graph-peer.db"), [
                    "sqlite3", str(work / "graph-peer.db")], graph_script, None)
        if pg:
            tag = f"bench_{os.getpid()}"
            names = {k: f"{tag}_{k}" for k in ("migrate", "psql", "jdbc", "big", "bigpsql", "graphhead", "graphup",
                                                   "graphdown")}
            databases.extend(names.values())
            if groups & {"postgres", "graph"}:
                cases["postgresql: migrate upgrade head"] = (lambda: pg.fresh(names["migrate"]), MIGRATE + [
                    "upgrade", "head", f"--url={pg.jdbc(names['migrate'])}", f"--dir={folder}", "-q"], None, None)
            if "postgres" in groups:
                big_folder = work / "big"
                big_folder.mkdir()
                body = big_body(args.big_rows)
                (big_folder / "0001_big.sql").write_text(
                    "-- revision: 0001\n-- down_revision: none\n-- message: big\n\n-- migrate:upgrade\n" + body)
                (work / "big.sql").write_text(body)
                cases["postgresql: psql -f, a transaction per migration"] = (lambda: pg.fresh(names["psql"]), [
                    "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", names["psql"], "-f", str(work / "peer.sql")],
                    None, pg.env)
                cases["postgresql: JVM+JDBC upgrade"] = (lambda: pg.fresh(names["jdbc"]), peer + [
                    "upgrade", pg.jdbc(names["jdbc"]), str(args.revisions)], None, None)
                cases["postgresql: migrate current"] = (None, MIGRATE + [
                    "current", f"--url={pg.jdbc(names['migrate'])}", f"--dir={folder}"], None, None)
                cases["postgresql: JVM+JDBC current"] = (None, peer + ["current", pg.jdbc(names["jdbc"])], None, None)
                cases["postgresql: migrate, one big migration"] = (lambda: pg.fresh(names["big"]), MIGRATE + [
                    "upgrade", "head", f"--url={pg.jdbc(names['big'])}", f"--dir={big_folder}", "-q"], None, None)
                cases["postgresql: psql -1 -f, one big migration"] = (lambda: pg.fresh(names["bigpsql"]), [
                    "psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", names["bigpsql"], "-f",
                    str(work / "big.sql")], None, pg.env)
            if "graph" in groups:
                # The database at head is made once; each downgrade starts from a copy of it (CREATE DATABASE ...
                # TEMPLATE), made outside the timing.
                pg.fresh(names["graphhead"])
                subprocess.run(MIGRATE + ["upgrade", "head", f"--url={pg.jdbc(names['graphhead'])}", f"--dir={graph}",
                                          "-q"], cwd=work, check=True, capture_output=True)
                cases["postgresql: migrate upgrade head, large graph"] = (lambda: pg.fresh(names["graphup"]),
                    MIGRATE + ["upgrade", "head", f"--url={pg.jdbc(names['graphup'])}", f"--dir={graph}", "-q"],
                    None, None)
                cases["postgresql: migrate downgrade base, large graph"] = (
                    lambda: pg.fresh(names["graphdown"], template=names["graphhead"]),
                    MIGRATE + ["downgrade", "base", f"--url={pg.jdbc(names['graphdown'])}", f"--dir={graph}", "-q"],
                    None, None)
        if not shutil.which("sqlite3"):
            cases.pop("sqlite: sqlite3 shell", None)

        times = {name: [] for name in cases}
        for round_number in range(args.runs + 1):  # round 0 warms the file cache and is not counted
            for name, (prepare, command, stdin, env) in cases.items():
                if prepare:
                    prepare()
                elapsed = run(command, work, stdin, env)
                if round_number > 0:
                    times[name].append(elapsed)
            print(f"round {round_number} done", file=sys.stderr)
    finally:
        for name in databases:
            try:
                pg.drop(name)
            except subprocess.CalledProcessError:
                print(f"could not drop the benchmark database {name}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
    write_results(args, times, pg is not None, partial=groups != set(GROUPS))


def write_results(args, times, with_postgres, partial=False):
    med = {name: statistics.median(values) for name, values in times.items()}

    def ratio(name, peer, times_peer=1, peer_label=None):
        label = peer_label or peer.split(': ', 1)[1]
        return f"{med[name] / (med[peer] * times_peer):.2f}x {label}" if name in med and peer in med else "n/a"

    n = args.revisions
    rows = [
        (f"sqlite: migrate upgrade head, {n} revisions", "sqlite: migrate upgrade head",
         [ratio("sqlite: migrate upgrade head", "sqlite: sqlite3 shell"),
          ratio("sqlite: migrate upgrade head", "sqlite: JVM+JDBC upgrade")], "≤ 1.1x sqlite3"),
        ("sqlite: migrate current", "sqlite: migrate current",
         [ratio("sqlite: migrate current", "sqlite: JVM+JDBC current")], "≤ 0.9x JVM+JDBC"),
    ]
    floor = "JVM floor: migrate --version"
    g = args.graph_revisions
    rows += [
        (f"sqlite: migrate check, {g} revisions", "sqlite: migrate check, large graph",
         [ratio("sqlite: migrate check, large graph", floor)], "≤ 0.5 s"),
        (f"sqlite: migrate history, {g} revisions", "sqlite: migrate history, large graph",
         [ratio("sqlite: migrate history, large graph", floor)], "≤ 0.5 s"),
    ]
    scale = g / n
    for db in ("sqlite", "postgresql") if with_postgres else ("sqlite",):
        up, down = f"{db}: migrate upgrade head, large graph", f"{db}: migrate downgrade base, large graph"
        rows += [
            (f"{db}: migrate upgrade head, {g} revisions", up,
             [ratio(up, f"{db}: migrate upgrade head", scale, f"{scale:g} × upgrade of {n}")]
             + ([ratio("sqlite: sqlite3 shell, large graph", "sqlite: sqlite3 shell", scale,
                       f"{scale:g} × {n} (sqlite3 shell's own)")] if db == "sqlite" else []),
             f"≤ 1.1x {scale:g} × upgrade of {n}"),
            (f"{db}: migrate downgrade base, {g} revisions", down, [ratio(down, up, 1, f"upgrade of {g}")],
             f"≤ 1.0x upgrade of {g}"),
        ]
    if with_postgres:
        rows += [
            (f"postgresql: migrate upgrade head, {n} revisions", "postgresql: migrate upgrade head",
             [ratio("postgresql: migrate upgrade head", "postgresql: psql -f, a transaction per migration"),
              ratio("postgresql: migrate upgrade head", "postgresql: JVM+JDBC upgrade")], "≤ 1.0x psql"),
            ("postgresql: migrate current", "postgresql: migrate current",
             [ratio("postgresql: migrate current", "postgresql: JVM+JDBC current")], "≤ 0.9x JVM+JDBC"),
            (f"postgresql: one migration of {args.big_rows} single-row INSERTs",
             "postgresql: migrate, one big migration",
             [ratio("postgresql: migrate, one big migration", "postgresql: psql -1 -f, one big migration")],
             "≤ 1.0x psql -1 -f"),
        ]
    java_version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    lines = [
        "# Benchmarks",
        "",
        "Written by `python3 bench/bench.py`; whole processes, wall time, median of "
        f"{args.runs} interleaved rounds after one warm-up round (every case once per round, in turn). "
        "Do not edit by hand: run the script again.",
        "",
        f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}, {java_version}",
        f"- Date: {time.strftime('%Y-%m-%d')}",
        "",
        "| what | median | ratios to peers in the same rounds | target |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {label} | {med[name]:.3f} s | {', '.join(ratios)} | {target} |" for label, name, ratios, target in rows
              if name in med]
    lines += ["", "| peer | median |", "| --- | --- |"]
    lines += [f"| {name} | {med[name]:.3f} s |" for name in times if "migrate" not in name.split(": ", 1)[1]]
    if floor in med:
        lines += [f"| JVM floor: `./migrate --version` | {med[floor]:.3f} s |"]
    lines += [
        "",
        "Notes:",
        "",
        "- migrate runs through `./migrate`, as users do: the launcher adds a class-data-sharing archive and SQLite's",
        "  extracted native library (see README, Performance). The JVM+JDBC peer (`bench/peer/JdbcPeer.java`) runs",
        "  with the launcher's JVM options and migrate's jar on its class path (for the drivers), and does only the",
        "  statements: no files, no graph, no checks, no log.",
        "- psql and sqlite3 run the same transactions from one script (`BEGIN`, `CREATE TABLE`, the version-row",
        "  change, `COMMIT`); migrate also writes a log row per migration and checks every file before it runs.",
        "- This machine shares its 2 cores with other work; single runs vary widely (see all runs), so compare the",
        "  ratios, measured in the same rounds, rather than absolute times across runs.",
        "",
        "All runs (seconds):",
        "",
    ]
    lines += [f"- {name}: {', '.join(f'{t:.3f}' for t in values)}" for name, values in times.items()]
    # Keep the sections the other benchmarks write (schema reading, fleets): they need a server and run on their own.
    if partial:
        print("\n".join(lines))
        print("(a run of only some groups: bench/RESULTS.md left as it was)", file=sys.stderr)
        return
    results = ROOT / "bench" / "RESULTS.md"
    previous = results.read_text() if results.exists() else ""
    # Everything from the first marked section on (bench/schema_bench.py, bench/fleet.py write between markers).
    starts = [previous.find(marker) for marker in ("<!-- ", "## Schema reading") if marker in previous]
    kept = previous[min(starts):] if starts else ""
    results.write_text("\n".join(lines) + "\n" + ("\n" + kept if kept else ""))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
