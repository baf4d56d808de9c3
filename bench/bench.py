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
  * big: one 50 MiB migration (--big-rows single-row INSERTs into three tables, a `$$` PL/pgSQL function and a DO
    block that checks the row count) against `psql -1 -f` on the same SQL;
  * schema: one migration of about 2,000 statements (--schema-statements: tables with columns and constraints,
    indexes, foreign keys added by ALTER TABLE, comments, views, a few `$$` functions and their triggers) against
    `psql -1 -f`.
Flyway (bench/peer/flyway: resolved with Maven into bench/peer/flyway/lib, never a dependency of migrate) runs the
1,000-revision upgrades on both databases and the big migration; without Maven or the registry it is skipped, with
the reason printed (--no-flyway skips it on purpose).
Each PostgreSQL run gets a freshly created database (created and dropped outside the timing). Every case's peak
resident set is recorded too (the process and its children, from wait4).
Usage: python3 bench/bench.py [--runs N] [--only GROUP,...] [--no-flyway] [--revisions N] [--postgres URL]
                              [--big-rows N] [--big-mib N] [--schema-statements N]
                              [--graph-revisions N]
Groups: sqlite (upgrade, current, the JVM floor), graph (a chain of --graph-revisions, 10,000 by default: check and
history; upgrade head from an empty database and downgrade base from a copy of one at head, on SQLite and, when
given, PostgreSQL, beside the 1,000-revision upgrade and the sqlite3 shell on both sizes, so that the ratios to ten
times the smaller run come from the same rounds), postgres (upgrade, current), big, schema. A run of only some
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
PEER_JVM = ["java", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:-UseDynamicNumberOfCompilerThreads",
            "-XX:+UseSerialGC", "-Xmn8m",
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


def write_big_body(out, rows: int, mib: int) -> None:
    """About MIB MiB of SQL: ROWS single-row INSERTs into three tables, between a `$$` PL/pgSQL function and a DO
    block that checks every row arrived (so a run that lost statements fails rather than looks fast)."""
    out.write("CREATE TABLE accounts (id BIGINT PRIMARY KEY, name TEXT NOT NULL, email TEXT, created TIMESTAMPTZ);\n"
              "CREATE TABLE events (id BIGINT PRIMARY KEY, account_id BIGINT, kind TEXT NOT NULL, payload TEXT);\n"
              "CREATE TABLE notes (id BIGINT PRIMARY KEY, account_id BIGINT, body TEXT);\n"
              "CREATE FUNCTION bench_total(n INTEGER) RETURNS BIGINT LANGUAGE plpgsql AS $$\n"
              "DECLARE\n  total BIGINT := 0; -- a ';' inside the body does not end the statement\n"
              "BEGIN\n  FOR i IN 1..n LOOP\n    total := total + i;\n  END LOOP;\n  RETURN total;\nEND;\n$$;\n")
    width = max(0, mib * 1024 * 1024 // max(rows, 1) - 114)  # pads each INSERT to the file's average length
    for i in range(1, rows + 1):
        pad = "x" * (width + i % 7)
        table = i % 3
        if table == 0:
            out.write(f"INSERT INTO accounts (id, name, email, created) VALUES ({i}, 'account {i} {pad}', "
                      f"'user{i}@example.com', '2024-01-01 00:00:00+00');\n")
        elif table == 1:
            out.write(f"INSERT INTO events (id, account_id, kind, payload) VALUES ({i}, {i // 3}, 'signup', "
                      f"'{{\"n\": {i}, \"pad\": \"{pad}\"}}');\n")
        else:
            out.write(f"INSERT INTO notes (id, account_id, body) VALUES ({i}, {i // 3}, 'it''s note {i}: {pad}');\n")
    out.write("DO $$\nBEGIN\n"
              "  IF (SELECT count(*) FROM accounts) + (SELECT count(*) FROM events) + (SELECT count(*) FROM notes)"
              f" <> {rows} THEN\n    RAISE EXCEPTION 'rows missing';\n  END IF;\n"
              "  PERFORM bench_total(10);\nEND\n$$;\n")


def schema_body(statements: int) -> str:
    """A squashed schema of about STATEMENTS statements: per table CREATE TABLE with columns and constraints, two
    indexes, a foreign key added by ALTER TABLE, two comments and a view; every 25th table a `$$` trigger function
    and its trigger."""
    out = []
    i = 0
    while len(out) < statements:
        i += 1
        parent = f"s_{i - 1:04d}" if i > 1 else f"s_{i:04d}"
        t = f"s_{i:04d}"
        out += [
            f"CREATE TABLE {t} (\n    id BIGSERIAL PRIMARY KEY,\n    parent_id BIGINT,\n"
            f"    code TEXT NOT NULL UNIQUE,\n    amount NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (amount >= 0),\n"
            f"    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'done')),\n"
            f"    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),\n    note TEXT\n);",
            f"CREATE INDEX {t}_created ON {t} (created_at);",
            f"CREATE INDEX {t}_open ON {t} (status, amount) WHERE status <> 'done';",
            f"ALTER TABLE {t} ADD CONSTRAINT {t}_parent FOREIGN KEY (parent_id) REFERENCES {parent} (id);",
            f"COMMENT ON TABLE {t} IS 'table {i}; squashed from its history';",
            f"COMMENT ON COLUMN {t}.code IS 'the business key of table {i}';",
            f"CREATE VIEW v_{i:04d} AS SELECT id, code, amount FROM {t} WHERE status = 'new';",
        ]
        if i % 25 == 0:
            out += [
                f"CREATE FUNCTION {t}_touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                f"    NEW.note := coalesce(NEW.note, 'touched; once');\n    RETURN NEW;\nEND;\n$$;",
                f"CREATE TRIGGER {t}_touch BEFORE INSERT ON {t} FOR EACH ROW EXECUTE FUNCTION {t}_touch();",
            ]
    return "\n\n".join(out) + "\n"


def migration_header(message: str) -> str:
    return f"-- revision: 0001\n-- down_revision: none\n-- message: {message}\n\n-- migrate:upgrade\n"


def run(command, cwd, stdin=None, env=None):
    """Runs one case; returns its wall time and its peak resident set in KiB (the process and the children it
    waited for, from wait4: the launcher's exec'd JVM, psql)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.TemporaryFile("w+") as feed:
        if stdin is not None:
            feed.write(stdin)
            feed.seek(0)
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdin=feed if stdin is not None else subprocess.DEVNULL,
                                   stdout=out, stderr=err, text=True, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            out.seek(0)
            err.seek(0)
            sys.exit(f"benchmark command failed: {' '.join(command)}\n{out.read()[-4000:]}\n{err.read()[-4000:]}")
    return elapsed, usage.ru_maxrss


FLYWAY = ROOT / "bench" / "peer" / "flyway"


def flyway_classpath(work: Path):
    """Resolves Flyway into bench/peer/flyway/lib (once) and compiles its runner; returns the class path, or None
    with the reason printed."""
    lib = FLYWAY / "lib"
    if not any(lib.glob("flyway-core-*.jar")):
        if not shutil.which("mvn"):
            print("Flyway skipped: mvn is not on the PATH", file=sys.stderr)
            return None
        resolved = subprocess.run(["mvn", "-B", "-q", "dependency:copy-dependencies", f"-DoutputDirectory={lib}"],
                                  cwd=FLYWAY, capture_output=True, text=True)
        if resolved.returncode != 0 or not any(lib.glob("flyway-core-*.jar")):
            print(f"Flyway skipped: Maven could not resolve it:\n{resolved.stdout[-2000:]}{resolved.stderr[-2000:]}",
                  file=sys.stderr)
            return None
    classes = work / "flyway-peer"
    compiled = subprocess.run(["javac", "-cp", str(lib / "*"), "-d", str(classes), str(FLYWAY / "FlywayPeer.java")],
                              capture_output=True, text=True)
    if compiled.returncode != 0:
        print(f"Flyway skipped: its runner did not compile:\n{compiled.stderr[-2000:]}", file=sys.stderr)
        return None
    return f"{lib / '*'}{os.pathsep}{classes}"


def write_flyway_folder(folder: Path, count: int) -> None:
    """The trivial revisions as Flyway versions, with the same statements."""
    folder.mkdir(parents=True)
    for i in range(1, count + 1):
        (folder / f"V{i}__table_{i:04d}.sql").write_text(
            f"CREATE TABLE t_{i:04d} (id INTEGER PRIMARY KEY, name TEXT);\n")


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


GROUPS = ("sqlite", "graph", "postgres", "big", "schema")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default=",".join(GROUPS),
                        help="comma-separated groups to run (" + ", ".join(GROUPS) + "); a partial run prints its "
                             "table and leaves bench/RESULTS.md alone")
    parser.add_argument("--no-flyway", action="store_true", help="skip the Flyway peer")
    parser.add_argument("--revisions", type=int, default=1000)
    parser.add_argument("--postgres", default=os.environ.get("MIGRATE_BENCH_POSTGRES_URL"))
    parser.add_argument("--big-rows", type=int, default=288_000)
    parser.add_argument("--big-mib", type=int, default=50)
    parser.add_argument("--schema-statements", type=int, default=2000)
    parser.add_argument("--graph-revisions", type=int, default=10_000)
    args = parser.parse_args()
    groups = {g.strip() for g in args.only.split(",") if g.strip()}
    if not groups <= set(GROUPS):
        sys.exit(f"unknown group(s) {', '.join(sorted(groups - set(GROUPS)))}; groups: {', '.join(GROUPS)}")
    # One launcher run builds the jar if needed and prepares its start-up aids before anything is timed.
    subprocess.run(MIGRATE + ["--version"], cwd=ROOT, check=True, capture_output=True)
    work = Path(tempfile.mkdtemp(prefix="migrate-bench-"))
    pg = Postgres(args.postgres) if args.postgres and shutil.which("psql") else None
    if not pg and groups & {"postgres", "big", "schema"}:
        print("PostgreSQL cases skipped: no --postgres URL (or $MIGRATE_BENCH_POSTGRES_URL), or no psql",
              file=sys.stderr)
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
        db, peer_db, jdbc_db, flyway_db = work / "bench.db", work / "peer.db", work / "jdbc.db", work / "flyway.db"
        # Flyway as users run it: its own JVM defaults, its own history table.
        flyway_cp = None if args.no_flyway or not groups & {"sqlite", "postgres", "big"} else flyway_classpath(work)
        flyway = ["java", "-cp", flyway_cp, "FlywayPeer"] if flyway_cp else None
        flyway_folder = work / "flyway"
        if flyway and groups & {"sqlite", "postgres"}:
            write_flyway_folder(flyway_folder, args.revisions)

        def unlink(path):
            for suffix in ("", "-journal", "-wal", "-shm", ".migrate-lock"):
                Path(str(path) + suffix).unlink(missing_ok=True)

        # name -> (prepare, command, stdin, env); a case's prepare runs untimed right before it.
        cases = {}
        if groups & {"sqlite", "graph"}:
            # The graph group's ratios need the 1,000-revision upgrade and the shell's, from the same rounds.
            cases["sqlite: migrate upgrade head"] = (lambda: unlink(db), MIGRATE + [
                "upgrade", "head", f"--url=jdbc:sqlite:{db}", f"--dir={folder}", "-q"], None, None)
            if shutil.which("sqlite3"):
                cases["sqlite: sqlite3 shell"] = (lambda: unlink(peer_db), ["sqlite3", str(peer_db)], script, None)
        if "sqlite" in groups:
            cases["sqlite: JVM+JDBC upgrade"] = (lambda: unlink(jdbc_db), peer + [
                "upgrade", f"jdbc:sqlite:{jdbc_db}", str(args.revisions)], None, None)
            if flyway:
                cases["sqlite: Flyway migrate"] = (lambda: unlink(flyway_db), flyway + [
                    f"jdbc:sqlite:{flyway_db}", str(flyway_folder)], None, None)
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
                graph_script = peer_script(args.graph_revisions)
                cases["sqlite: sqlite3 shell, large graph"] = (lambda: unlink(work / "graph-peer.db"), [
                    "sqlite3", str(work / "graph-peer.db")], graph_script, None)
        if pg:
            tag = f"bench_{os.getpid()}"
            names = {k: f"{tag}_{k}" for k in (
                "migrate", "psql", "jdbc", "flyway", "big", "bigpsql", "bigflyway", "schema", "schemapsql",
                "graphhead", "graphup", "graphdown")}
            databases.extend(names.values())

            def psql_file(name, path):
                return (lambda: pg.fresh(names[name]), [
                    "psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", names[name], "-f", str(path)],
                    None, pg.env)

            def migrate_folder(name, path):
                return (lambda: pg.fresh(names[name]), MIGRATE + [
                    "upgrade", "head", f"--url={pg.jdbc(names[name])}", f"--dir={path}", "-q"], None, None)

            if groups & {"postgres", "graph"}:
                cases["postgresql: migrate upgrade head"] = migrate_folder("migrate", folder)
            if "postgres" in groups:
                cases["postgresql: psql -f, a transaction per migration"] = (lambda: pg.fresh(names["psql"]), [
                    "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", names["psql"], "-f", str(work / "peer.sql")],
                    None, pg.env)
                cases["postgresql: JVM+JDBC upgrade"] = (lambda: pg.fresh(names["jdbc"]), peer + [
                    "upgrade", pg.jdbc(names["jdbc"]), str(args.revisions)], None, None)
                if flyway:
                    cases["postgresql: Flyway migrate"] = (lambda: pg.fresh(names["flyway"]), flyway + [
                        pg.jdbc(names["flyway"]), str(flyway_folder)], None, None)
                cases["postgresql: migrate current"] = (None, MIGRATE + [
                    "current", f"--url={pg.jdbc(names['migrate'])}", f"--dir={folder}"], None, None)
                cases["postgresql: JVM+JDBC current"] = (None, peer + ["current", pg.jdbc(names["jdbc"])], None,
                                                         None)
            if "graph" in groups:
                # The database at head is made once; each downgrade starts from a copy of it (CREATE DATABASE ...
                # TEMPLATE), made outside the timing.
                pg.fresh(names["graphhead"])
                subprocess.run(MIGRATE + ["upgrade", "head", f"--url={pg.jdbc(names['graphhead'])}", f"--dir={graph}",
                                          "-q"], cwd=work, check=True, capture_output=True)
                cases["postgresql: migrate upgrade head, large graph"] = migrate_folder("graphup", graph)
                cases["postgresql: migrate downgrade base, large graph"] = (
                    lambda: pg.fresh(names["graphdown"], template=names["graphhead"]),
                    MIGRATE + ["downgrade", "base", f"--url={pg.jdbc(names['graphdown'])}", f"--dir={graph}", "-q"],
                    None, None)
            if "big" in groups:
                big_folder, big_flyway = work / "big", work / "bigflyway"
                big_folder.mkdir()
                big_flyway.mkdir()
                with open(work / "big.sql", "w") as out:
                    write_big_body(out, args.big_rows, args.big_mib)
                with open(big_folder / "0001_big.sql", "w") as out, open(work / "big.sql") as body:
                    out.write(migration_header("big"))
                    shutil.copyfileobj(body, out)
                shutil.copyfile(work / "big.sql", big_flyway / "V1__big.sql")
                print(f"big migration: {(work / 'big.sql').stat().st_size / 2**20:.1f} MiB", file=sys.stderr)
                cases["postgresql: migrate, one big migration"] = migrate_folder("big", big_folder)
                cases["postgresql: psql -1 -f, one big migration"] = psql_file("bigpsql", work / "big.sql")
                if flyway:
                    cases["postgresql: Flyway, one big migration"] = (lambda: pg.fresh(names["bigflyway"]),
                                                                     flyway + [pg.jdbc(names["bigflyway"]),
                                                                               str(big_flyway)], None, None)
            if "schema" in groups:
                schema_folder = work / "schema"
                schema_folder.mkdir()
                body = schema_body(args.schema_statements)
                (work / "schema.sql").write_text(body)
                (schema_folder / "0001_schema.sql").write_text(migration_header("schema") + body)
                cases["postgresql: migrate, schema file"] = migrate_folder("schema", schema_folder)
                cases["postgresql: psql -1 -f, schema file"] = psql_file("schemapsql", work / "schema.sql")

        times = {name: [] for name in cases}
        rss = {name: 0 for name in cases}
        # The launcher rebuilds the jar when a source is newer: a file saved during the run would put a Maven build
        # inside a timed case (seen: 24 s and 697 MiB for a 2 s case). Stop instead of writing such numbers.
        built = JAR.stat().st_mtime
        for round_number in range(args.runs + 1):  # round 0 warms the file cache and is not counted
            for name, (prepare, command, stdin, env) in cases.items():
                if prepare:
                    prepare()
                elapsed, peak = run(command, work, stdin, env)
                if JAR.stat().st_mtime != built:
                    sys.exit("the launcher rebuilt target/migrate.jar during the run (a source changed): "
                             "run the benchmark again on an unchanged checkout")
                if round_number > 0:
                    times[name].append(elapsed)
                    rss[name] = max(rss[name], peak)
            print(f"round {round_number} done", file=sys.stderr)
    finally:
        for name in databases:
            try:
                pg.drop(name)
            except subprocess.CalledProcessError:
                print(f"could not drop the benchmark database {name}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
    write_results(args, times, rss, flyway is not None, partial=groups != set(GROUPS))


def write_results(args, times, rss, with_flyway, partial):
    med = {name: statistics.median(values) for name, values in times.items()}

    def ratio(name, peer, times_peer=1, peer_label=None):
        label = peer_label or peer.split(': ', 1)[1]
        return f"{med[name] / (med[peer] * times_peer):.2f}x {label}" if name in med and peer in med else "n/a"

    def mib(name):
        return f"{rss[name] / 1024:.0f} MiB"

    n = args.revisions
    floor = "JVM floor: migrate --version"
    g = args.graph_revisions
    # (label, case, [ratios], target); a row whose case did not run is left out.
    rows = [
        (f"sqlite: migrate upgrade head, {n} revisions", "sqlite: migrate upgrade head",
         [ratio("sqlite: migrate upgrade head", "sqlite: sqlite3 shell"),
          ratio("sqlite: migrate upgrade head", "sqlite: JVM+JDBC upgrade"),
          ratio("sqlite: migrate upgrade head", "sqlite: Flyway migrate")], "≤ 1.1x sqlite3"),
        ("sqlite: migrate current", "sqlite: migrate current",
         [ratio("sqlite: migrate current", "sqlite: JVM+JDBC current")], "≤ 0.9x JVM+JDBC"),
        (f"sqlite: migrate check, {g} revisions", "sqlite: migrate check, large graph",
         [ratio("sqlite: migrate check, large graph", floor)], "≤ 0.5 s"),
        (f"sqlite: migrate history, {g} revisions", "sqlite: migrate history, large graph",
         [ratio("sqlite: migrate history, large graph", floor)], "≤ 0.5 s"),
    ]
    scale = g / n
    for db in ("sqlite", "postgresql"):
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
    rows += [
        (f"postgresql: migrate upgrade head, {n} revisions", "postgresql: migrate upgrade head",
         [ratio("postgresql: migrate upgrade head", "postgresql: psql -f, a transaction per migration"),
          ratio("postgresql: migrate upgrade head", "postgresql: JVM+JDBC upgrade"),
          ratio("postgresql: migrate upgrade head", "postgresql: Flyway migrate")], "≤ 1.0x psql"),
        ("postgresql: migrate current", "postgresql: migrate current",
         [ratio("postgresql: migrate current", "postgresql: JVM+JDBC current")], "≤ 0.9x JVM+JDBC"),
        (f"postgresql: one {args.big_mib} MiB migration ({args.big_rows} single-row INSERTs, a function, a DO block)",
         "postgresql: migrate, one big migration",
         [ratio("postgresql: migrate, one big migration", "postgresql: psql -1 -f, one big migration"),
          ratio("postgresql: migrate, one big migration", "postgresql: Flyway, one big migration")],
         "≤ 1.2x Alembic (not installable here), ≤ 200 MiB"),
        (f"postgresql: one schema migration of {args.schema_statements} statements",
         "postgresql: migrate, schema file",
         [ratio("postgresql: migrate, schema file", "postgresql: psql -1 -f, schema file")],
         "≤ 1.0x psql -1 -f, ≤ 200 MiB"),
    ]
    rows = [(label, name, [r for r in ratios if r != "n/a"] or ["n/a"], target)
            for label, name, ratios, target in rows if name in med]
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
        "| what | median | peak RSS | ratios to peers in the same rounds | target |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [f"| {label} | {med[name]:.3f} s | {mib(name)} | {', '.join(ratios)} | {target} |"
              for label, name, ratios, target in rows]
    lines += ["", "| peer | median | peak RSS |", "| --- | --- | --- |"]
    lines += [f"| {name} | {med[name]:.3f} s | {mib(name)} |"
              for name in times if "migrate" not in name.split(": ", 1)[1]]
    if floor in med:
        lines += [f"| JVM floor: `./migrate --version` | {med[floor]:.3f} s | {mib(floor)} |"]
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
        "- The big migration and the schema file are one migration each; `psql -1 -f` runs the same SQL in one",
        "  transaction, a round trip per statement. Alembic, which sends a file as one query message, is the issue's",
        "  reference for the big migration (≈ 8 s there) but cannot be installed here (no PyPI): compare with psql.",
        "- Flyway " + ("runs through its Java API (`bench/peer/flyway/FlywayPeer.java`, resolved by Maven into "
                      "`bench/peer/flyway/lib`, never a dependency of migrate), with its own JVM defaults, a "
                      "transaction per migration and its own history table."
                      if with_flyway else "was not run (see the benchmark's output for the reason)."),
        "- Peak RSS: the process's and its children's peak resident set (wait4), the largest over the rounds.",
        "- This machine shares its 2 cores with other work; single runs vary widely (see all runs), so compare the",
        "  ratios, measured in the same rounds, rather than absolute times across runs.",
        "",
        "All runs (seconds):",
        "",
    ]
    lines += [f"- {name}: {', '.join(f'{t:.3f}' for t in values)}" for name, values in times.items()]
    if partial:
        print("\n".join(lines))
        print("(a partial run: bench/RESULTS.md left as it was)", file=sys.stderr)
        return
    # Keep the sections the other benchmarks write (schema reading, fleets): they need a server and run on their own.
    results = ROOT / "bench" / "RESULTS.md"
    previous = results.read_text() if results.exists() else ""
    # Everything from the first marked section on (bench/schema_bench.py, bench/fleet.py write between markers).
    starts = [previous.find(marker) for marker in ("<!-- ", "## Schema reading") if marker in previous]
    kept = previous[min(starts):] if starts else ""
    results.write_text("\n".join(lines) + "\n" + ("\n" + kept if kept else ""))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
