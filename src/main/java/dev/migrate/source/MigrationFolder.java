package dev.migrate.source;

import dev.migrate.api.Problem;
import dev.migrate.api.UsageException;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.text.IoReasons;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Reads a migrations folder: every {@code *.sql} and {@code *.java} file in it and in its subfolders, in path order.
 * Java files are compiled (or taken from the cache) by the given compiler.
 *
 * <p>Subfolders are scanned because authors group migrations by release or team, as Flyway allows; symbolic links
 * are followed (to files and folders), and a link that leads back into a folder it sits in is reported rather than
 * followed forever. Hidden files and folders (a leading '.', such as {@code .migrate/cache}) are ignored. Every
 * migration-looking entry that cannot be read (a dangling link, a link loop, a FIFO, a folder named
 * {@code x.sql}, a file or folder without read permission) is a problem, so no command, {@code check} included,
 * ever passes over a file it did not read.
 */
public final class MigrationFolder implements MigrationSource {
    /** From this many files on, two threads read them (see {@link #readEach}). */
    private static final int TWO_THREADS_FROM = 2000;
    private final Path dir;
    private final JavaSourceCompiler compiler;

    public MigrationFolder(Path dir, JavaSourceCompiler compiler) {
        this.dir = dir;
        this.compiler = compiler;
    }

    @Override
    public String name() {
        return dir.toString();
    }

    @Override
    public Contents load() {
        Listing listing = listing();
        TextBudget budget = new TextBudget();
        return contents(listing, readEach(listing.migrations, file -> read(file,
                text -> SqlMigrationParser.parse(text, budget))));
    }

    @Override
    public Contents headers() {
        Listing listing = listing();
        return contents(listing, readEach(listing.migrations, file -> read(file, SqlMigrationParser::header)));
    }

    /** Lists the folder once and reads each SQL file once: its migration and its statements' problems together. */
    @Override
    public Checked check(List<SqlFlavor> flavors, boolean checksums) {
        Listing listing = listing();
        List<Parsed> parsed = new ArrayList<>(listing.migrations.size());
        Map<SqlFlavor, List<Problem>> statementProblems = Checked.noProblems(flavors);
        for (SqlMigrationParser.CheckedResult one : readEach(listing.migrations, file -> {
            Examined examined = examine(file);
            return examined.problem != null || isJava(file)
                    ? new SqlMigrationParser.CheckedResult(read(file, examined, null), Map.of())
                    : SqlMigrationParser.parseChecked(examined.text, flavors, checksums);
        })) {
            parsed.add(one.parsed());
            one.statementProblems().forEach((flavor, problems) -> statementProblems.get(flavor).addAll(problems));
        }
        return new Checked(contents(listing, parsed), statementProblems, strays(listing));
    }

    /** One listed file, examined and then read: a Java file by the compiler, a SQL file by {@code sql}. */
    private Parsed read(Path file, Function<TextSource, Parsed> sql) {
        return read(file, examine(file), sql);
    }

    private Parsed read(Path file, Examined examined, Function<TextSource, Parsed> sql) {
        if (examined.problem != null) {
            return new Unusable(examined.problem);
        }
        return isJava(file) ? compiler.load(file) : sql.apply(examined.text);
    }

    @Override
    public List<Problem> strayFiles() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        return strays(list());
    }

    private static List<Problem> strays(Listing listing) {
        return listing.strays.stream()
                .map(f -> new Problem(f.toString(), 0, null, "is not a migration (only .sql and .java files are; "
                        + "move it out of the migrations folder)"))
                .toList();
    }

    private Listing listing() {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("The migrations folder " + dir + " does not exist or is not a folder. "
                    + "Run migrate from your project folder, or point --dir at the folder of migration files.");
        }
        return list();
    }

    /** The migrations read, after every entry that could not be used (found listing or examining), in path order. */
    private static Contents contents(Listing listing, List<? extends Parsed> parsed) {
        List<Problem> unusable = new ArrayList<>(listing.unusable);
        List<Parsed> read = new ArrayList<>(parsed.size());
        for (Parsed one : parsed) {
            if (one instanceof Unusable entry) {
                unusable.add(entry.problem());
            } else {
                read.add(one);
            }
        }
        unusable.sort((a, b) -> a.file().compareTo(b.file()));
        Contents contents = Contents.of(read);
        return new Contents(contents.migrations(), concat(unusable, contents.problems()));
    }

    /**
     * Each file read by {@code read}, in path order. A large folder of SQL files is read by two threads, each taking
     * half (on 10,000 files, {@code check} took about a tenth less time; on 1,000 the difference was not measurable,
     * and a thread there costs more than it saves); Java files are compiled one after another, on this thread.
     */
    private static <T> List<T> readEach(List<Path> files, Function<Path, T> read) {
        int half = files.size() / 2;
        if (files.size() < TWO_THREADS_FROM || files.stream().anyMatch(MigrationFolder::isJava)) {
            return readAll(files, read);
        }
        // join() waits through interrupts (the files are read in a moment) and keeps the flag.
        CompletableFuture<List<T>> secondHalf = CompletableFuture.supplyAsync(
                () -> readAll(files.subList(half, files.size()), read), MigrationFolder::onDaemonThread);
        List<T> all = readAll(files.subList(0, half), read);
        try {
            all.addAll(secondHalf.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
        return all;
    }

    private static void onDaemonThread(Runnable work) {
        Thread thread = new Thread(work, "migrate-read");
        thread.setDaemon(true);
        thread.start();
    }

    private static <T> List<T> readAll(List<Path> files, Function<Path, T> read) {
        List<T> all = new ArrayList<>(files.size());
        for (Path file : files) {
            all.add(read.apply(file));
        }
        return all;
    }

    private static boolean isJava(Path file) {
        return file.getFileName().toString().endsWith(".java");
    }

    /** What the folder holds: migration files, other files, and the entries that could not be used. */
    private record Listing(List<Path> migrations, List<Path> strays, List<Problem> unusable) {
    }

    /**
     * Lists the folder and its subfolders by name. Entries named like migrations are not examined here: the thread
     * that reads one checks what it is first ({@link #examine}), which spreads those checks over the reading threads
     * (on 10,000 files, walking the tree with every entry's attributes took 90 ms before the first file was read).
     * Other entries are examined here, to find subfolders, links that cannot be followed and stray files.
     */
    private Listing list() {
        Listing listing = new Listing(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        OpenFolders openFolders = new OpenFolders();
        try {
            openFolders.enter(dir, Files.readAttributes(dir, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            throw new UsageException("The migrations folder " + dir + " cannot be read: " + IoReasons.reason(e), e);
        }
        listFolder(dir, openFolders, listing);
        listing.migrations.sort(null);
        listing.strays.sort(null);
        listing.unusable.sort((a, b) -> a.file().compareTo(b.file()));
        return listing;
    }

    /** @param openFolders this folder and the folders it sits in, to tell a link that loops back */
    private static void listFolder(Path folder, OpenFolders openFolders, Listing listing) {
        List<Path> migrations = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // hidden, such as .migrate/cache
                }
                if (isMigration(name)) {
                    migrations.add(entry);
                } else {
                    others.add(entry);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Even part-way through: a folder listed in part is reported, not used in part.
            IOException cause = e instanceof DirectoryIteratorException iteration ? iteration.getCause()
                    : (IOException) e;
            listing.unusable.add(unusable(folder, "cannot be listed: " + IoReasons.reason(cause)));
            return;
        }
        listing.migrations.addAll(migrations);
        for (Path entry : others) {
            String name = entry.getFileName().toString();
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class);
            } catch (IOException e) {
                // A link that cannot be followed may have been meant as a migration or a folder of them; only a
                // note's link is let go.
                if (!Files.isSymbolicLink(entry)) {
                    listing.unusable.add(unusable(entry, "cannot be read: " + IoReasons.reason(e)));
                } else if (!isDocumentation(name)) {
                    listing.unusable.add(unusable(entry, brokenLink(entry)));
                }
                continue;
            }
            if (attributes.isDirectory()) {
                Object key = attributes.fileKey();
                if (openFolders.contain(entry, key)) {
                    boolean isLink = Files.isSymbolicLink(entry);
                    Path linkAbove = isLink ? null : openFolders.innermostLink();
                    String advice = isLink ? "; remove the link, or point it elsewhere"
                            : linkAbove != null ? "; it is reached through the link " + linkAbove + ": remove that "
                            + "link, or point it elsewhere"
                            : "; no symbolic link leads here (a folder mounted inside itself?): unmount it";
                    listing.unusable.add(unusable(entry, "is not read: "
                            + IoReasons.reason(new FileSystemLoopException(entry.toString())) + advice));
                    continue;
                }
                openFolders.enter(entry, key);
                listFolder(entry, openFolders, listing);
                openFolders.leave();
            } else if (attributes.isRegularFile() && !isDocumentation(name)) {
                listing.strays.add(entry);
            }
        }
    }

    /**
     * The folder being listed and those it sits in. A folder is told by its file key (device and inode) where the
     * file system has one, else by comparing it with each open folder (Windows has no file keys).
     */
    private static final class OpenFolders {
        private final Deque<Path> paths = new ArrayDeque<>();
        private final Deque<Object> keys = new ArrayDeque<>();

        void enter(Path folder, Object key) {
            paths.push(folder);
            keys.push(key == null ? NO_KEY : key);
        }

        /** The deepest open folder reached through a symbolic link: the one to name when a loop is found below it. */
        Path innermostLink() {
            for (Path open : paths) {
                if (Files.isSymbolicLink(open)) {
                    return open;
                }
            }
            return null;
        }

        void leave() {
            paths.pop();
            keys.pop();
        }

        boolean contain(Path folder, Object key) {
            if (key != null) {
                return keys.contains(key);
            }
            for (Path open : paths) {
                try {
                    if (Files.isSameFile(folder, open)) {
                        return true;
                    }
                } catch (IOException e) {
                    // One that cannot be compared is not known to be the same.
                }
            }
            return false;
        }

        private static final Object NO_KEY = new Object();
    }

    /**
     * A listed migration file as a source to read, or the problem that keeps it from being one: a folder named like
     * a file (often a Docker bind mount of a file that did not exist), a FIFO, socket or device (opening one would
     * wait forever), a link that cannot be followed, an entry that cannot be read. Its size, known from here, spares
     * the reader asking again.
     */
    private static Examined examine(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return new Examined(null, unusable(file, Files.isSymbolicLink(file) ? brokenLink(file)
                    : "cannot be read: " + IoReasons.reason(e)));
        }
        if (attributes.isDirectory()) {
            return new Examined(null, unusable(file, "is a folder, not a file; a migration must be a file: rename "
                    + "or remove the folder (a Docker bind mount of a file that did not exist makes one)"));
        }
        if (!attributes.isRegularFile()) {
            return new Examined(null, unusable(file, "is not a regular file (a FIFO, socket or device); "
                    + "a migration must be a file: move it out of the migrations folder"));
        }
        return new Examined(TextSource.listed(file, attributes.size()), null);
    }

    /** {@link #examine}'s answer: a source to read, or why there is none. */
    private record Examined(TextSource text, Problem problem) {
    }

    /** A listed entry that is not a migration file after all: its problem, in the place of its migration. */
    private record Unusable(Problem problem) implements Parsed {
        @Override
        public Migration migration() {
            return null;
        }

        @Override
        public List<Problem> problems() {
            return List.of(problem);
        }
    }

    private static Problem unusable(Path entry, String message) {
        return new Problem(entry.toString(), 0, null, message);
    }

    private static final String LINK_ADVICE = "; restore what it points to, or remove the link";

    /** Why a symbolic link cannot be followed: its target is missing, or it leads to itself. */
    private static String brokenLink(Path link) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            target = "?";
        }
        try {
            Files.readAttributes(link, BasicFileAttributes.class);
            return "is a symbolic link to " + target + ", which cannot be followed" + LINK_ADVICE;
        } catch (IOException e) {
            String reason = IoReasons.reason(e);
            // A link that leads back to itself has nothing to restore.
            return "is a symbolic link to " + target + ", which cannot be followed: " + reason
                    + (reason.contains("levels of symbolic links") ? "; remove the link" : LINK_ADVICE);
        }
    }

    /** Hidden files, READMEs and notes may live beside migrations. */
    private static boolean isDocumentation(String name) {
        return name.startsWith(".") || name.toUpperCase(Locale.ROOT).startsWith("README") || name.endsWith(".md")
                || name.endsWith(".txt");
    }

    private static boolean isMigration(String name) {
        return !name.startsWith(".") && (name.endsWith(".sql") || name.endsWith(".java"));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
