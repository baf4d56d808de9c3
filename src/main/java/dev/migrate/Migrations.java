package dev.migrate;

import dev.migrate.api.MigrationListener;
import dev.migrate.api.Problem;
import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.graph.RevisionNode;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.source.ClasspathLocation;
import dev.migrate.source.JavaSourceCompiler;
import dev.migrate.source.Migration;
import dev.migrate.source.MigrationFolder;
import dev.migrate.source.MigrationSource;
import dev.migrate.source.SqlMigration;
import dev.migrate.source.PrecompiledMigrations;
import dev.migrate.sql.SqlFlavor;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where the configured migrations come from, and loading them into a validated graph. */
final class Migrations {
    private final MigrateConfig config;
    private final MigrationListener listener;
    private final ClassLoader applicationLoader;
    private final Loaded preloaded;

    Migrations(MigrateConfig config, MigrationListener listener, ClassLoader applicationLoader) {
        this(config, listener, applicationLoader, null);
    }

    /** A folder already loaded and validated, reused for another database of a fleet instead of read again. */
    Migrations(MigrateConfig config, MigrationListener listener, ClassLoader applicationLoader, Loaded preloaded) {
        this.config = config;
        this.listener = listener;
        this.applicationLoader = applicationLoader;
        this.preloaded = preloaded;
    }

    /** The validated graph and each revision's runnable migration. */
    record Loaded(RevisionGraph graph, Map<String, Migration> byId) {
        /**
         * The same migrations, each SQL file to be read again (and compared with the hash taken when it was loaded)
         * when it runs: for a command that waited for another one, during which the files may have been changed.
         */
        Loaded withoutKeptText() {
            Map<String, Migration> reread = new HashMap<>(byId.size());
            byId.forEach((id, migration) -> reread.put(id, migration instanceof SqlMigration sql
                    ? sql.withoutText() : migration));
            return new Loaded(graph, reread);
        }
    }

    /** Loads and validates; every problem at once in a {@link dev.migrate.api.GraphInvalidException}. */
    Loaded load() {
        if (preloaded != null) {
            return preloaded;
        }
        return validated(source().load(), List.of());
    }

    /**
     * The validated graph, with every problem {@link #load} reports, from the files read for the graph alone (no
     * hashes): for the commands that run nothing and compare nothing with the log.
     */
    RevisionGraph graph() {
        if (preloaded != null) {
            return preloaded.graph();
        }
        MigrationSource.Contents contents = source().headers();
        List<RevisionNode> revisions = new ArrayList<>(contents.migrations().size());
        for (Migration migration : contents.migrations()) {
            revisions.add(migration.revision());
        }
        return RevisionGraph.build(revisions, contents.problems());
    }

    /**
     * What a source holds, built into a validated graph: every problem at once (the source's, {@code more}, the
     * graph's) in a {@link dev.migrate.api.GraphInvalidException}. {@code check} passes the problems only it looks
     * for.
     */
    static Loaded validated(MigrationSource.Contents contents, List<Problem> more) {
        return validated(contents, more, Set.of());
    }

    /** {@link #validated(MigrationSource.Contents, List)}; {@code unreadable}: see {@link RevisionGraph#build}. */
    static Loaded validated(MigrationSource.Contents contents, List<Problem> more, Set<String> unreadable) {
        List<RevisionNode> revisions = new ArrayList<>(contents.migrations().size());
        Map<String, Migration> byId = new HashMap<>();
        for (Migration migration : contents.migrations()) {
            revisions.add(migration.revision());
            byId.putIfAbsent(migration.revision().id(), migration);
        }
        List<Problem> problems = new ArrayList<>(contents.problems());
        problems.addAll(more);
        return new Loaded(RevisionGraph.build(revisions, problems, unreadable), byId);
    }

    /** The migrations: the folder or classpath location, plus precompiled ones from the configured classpath. */
    MigrationSource source() {
        ClassLoader loader = applicationLoader;
        if (!config.classpath().isEmpty()) {
            URL[] urls = config.classpath().stream().map(Migrations::url).toArray(URL[]::new);
            loader = new URLClassLoader(urls, applicationLoader);
        }
        MigrationSource main = config.dir() != null
                ? new MigrationFolder(config.dir(), new JavaSourceCompiler(config.cacheDir(), config.classpath(),
                loader, file -> listener.compiling(file.toString())))
                : new ClasspathLocation(config.classpathLocation(), loader);
        if (config.classpath().isEmpty()) {
            return main;
        }
        MigrationSource precompiled = new PrecompiledMigrations(loader, null, true, "--classpath");
        return new MigrationSource() {
            @Override
            public String name() {
                return main.name() + " and " + precompiled.name();
            }

            @Override
            public Contents load() {
                return main.load().plus(precompiled.load());
            }

            @Override
            public Contents headers() {
                return main.headers().plus(precompiled.load());
            }

            @Override
            public List<Problem> strayFiles() {
                return main.strayFiles();
            }

            @Override
            public Checked check(List<SqlFlavor> flavors, boolean checksums) {
                return main.check(flavors, checksums).plus(precompiled.load());
            }
        };
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UsageException("Bad --classpath entry " + path + ": " + e.getMessage(), e);
        }
    }
}
