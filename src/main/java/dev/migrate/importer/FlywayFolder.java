package dev.migrate.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's SQL migrations: {@code V<version>__<description>.sql} in version order, each with its
 * {@code U<version>__...sql} undo script as the downgrade, then the {@code R__<description>.sql} repeatables. The
 * folder is scanned recursively, as Flyway scans its locations.
 */
final class FlywayFolder implements Converter {
    private static final Pattern VERSIONED = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern CODE = Pattern.compile("([VUR])(\\d+(?:[._]\\d+)*)?__(.+)\\.(java|kt|class|scala|groovy)");
    private static final Pattern CALLBACK = Pattern.compile("(before|after)[A-Za-z]*(__.*)?\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern USER_PLACEHOLDER = Pattern.compile("[A-Za-z0-9_.-]+");
    /** Statements PostgreSQL refuses inside a transaction; Flyway runs a script with one of them outside any. */
    private static final Pattern NON_TRANSACTIONAL = Pattern.compile(
            "(?im)^\\s*((CREATE|DROP)\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|REINDEX\\b.*\\bCONCURRENTLY|VACUUM\\b|CREATE\\s+DATABASE\\b|ALTER\\s+SYSTEM\\b)");

    private record Script(Path file, String rawVersion, VersionNumber version, String description) {
    }

    @Override
    public Conversion read(Path source) {
        Conversion conversion = new Conversion();
        TreeMap<VersionNumber, Script> versioned = new TreeMap<>();
        Map<VersionNumber, Script> undo = new HashMap<>();
        TreeMap<VersionNumber, Script> code = new TreeMap<>();
        List<Script> repeatable = new ArrayList<>();
        for (Path file : SourceFiles.list(source, true)) {
            String name = file.getFileName().toString();
            Matcher m;
            if ((m = VERSIONED.matcher(name)).matches()) {
                Script script = new Script(file, m.group(2), VersionNumber.parse(m.group(2)), SqlText.message(m.group(3)));
                Script clash = (m.group(1).equals("V") ? versioned : undo).putIfAbsent(script.version(), script);
                if (clash != null) {
                    conversion.notConverted(file, "version " + script.version() + " is also " + clash.file().getFileName()
                            + "; Flyway refuses two scripts for one version too");
                }
            } else if ((m = REPEATABLE.matcher(name)).matches()) {
                repeatable.add(new Script(file, null, null, SqlText.message(m.group(1))));
            } else if ((m = CODE.matcher(name)).matches()) {
                if (m.group(1).equals("V") && m.group(2) != null) {
                    code.put(VersionNumber.parse(m.group(2)), new Script(file, m.group(2), VersionNumber.parse(m.group(2)),
                            SqlText.message(m.group(3))));
                } else {
                    conversion.notConverted(file, "a Flyway Java-based migration; it is code, not SQL, and is not converted");
                }
            } else if (name.endsWith(".sql.conf")) {
                continue; // read with its script
            } else if (CALLBACK.matcher(name).matches()) {
                conversion.notConverted(file, "a Flyway callback; migrate runs no scripts around its commands, so run "
                        + "it yourself where it matters (a deploy step), or make it a revision");
            } else if (!SourceFiles.isNote(file)) {
                conversion.notConverted(file, "not a Flyway migration name (V<version>__<description>.sql, U..., R__...)");
            }
        }
        TreeMap<VersionNumber, Object> order = new TreeMap<>();
        versioned.keySet().forEach(v -> order.put(v, v));
        code.keySet().forEach(v -> order.put(v, v));
        for (VersionNumber version : order.keySet()) {
            Script script = versioned.get(version);
            if (script == null) {
                Script java = code.get(version);
                conversion.gap(java.file(), id(java.rawVersion()), version.toString(),
                        "a Flyway Java-based migration (version " + version + "); it is code, not SQL");
                continue;
            }
            convert(conversion, script, undo.remove(version));
        }
        for (Script orphan : undo.values()) {
            conversion.notConverted(orphan.file(), "an undo script for version " + orphan.version()
                    + ", which has no V" + orphan.rawVersion() + "__ script");
        }
        repeatable.sort(Comparator.comparing(Script::description));
        if (!repeatable.isEmpty()) {
            conversion.note("Flyway repeatable migrations (R__) have no equivalent: migrate applies each revision once. "
                    + "Each became a revision after the last versioned one (in description order), whose downgrade "
                    + "does nothing (-- migrate:nothing), as Flyway's undo leaves repeatables in place. When one must change later, write a new "
                    + "revision with its new text (migrate revision).");
        }
        for (Script script : repeatable) {
            convert(conversion, script, null);
        }
        return conversion;
    }

    private static void convert(Conversion conversion, Script script, Script undo) {
        String text = SqlText.read(script.file());
        String downgrade = undo == null ? null : SqlText.read(undo.file());
        boolean repeatable = script.version() == null;
        String templated = templated(text);
        Path templatedFile = script.file();
        if (templated == null && downgrade != null) {
            templated = templated(downgrade);
            templatedFile = undo.file();
        }
        if (templated != null) {
            if (repeatable) {
                conversion.notConverted(templatedFile, templated);
            } else {
                conversion.gap(templatedFile, id(script.rawVersion()), script.version().toString(), templated);
            }
            return;
        }
        List<String> remarks = new ArrayList<>();
        boolean transactional = true;
        String setting = ScriptConfig.flywayExecuteInTransaction(script.file());
        if ("false".equals(setting)) {
            transactional = false;
            remarks.add("executeInTransaction=false in " + script.file().getFileName() + ".conf");
        } else if (setting == null && NON_TRANSACTIONAL.matcher(text).find()) {
            transactional = false;
            remarks.add("Flyway ran it outside a transaction: it has a statement PostgreSQL refuses inside one");
        }
        if (repeatable) {
            downgrade = ""; // written as -- migrate:nothing below: Flyway's undo leaves repeatables in place
            remarks.add("a Flyway repeatable migration: applied once here, and left in place by a downgrade");
        }
        boolean placeholders = PLACEHOLDER.matcher(text).find() || (downgrade != null && PLACEHOLDER.matcher(downgrade).find());
        if (placeholders) {
            conversion.note("Scripts with ${...} placeholders (as Flyway replaces them) are marked placeholders: true; "
                    + "give each value with -x key=value on every command that runs them.");
        }
        List<Path> from = undo == null ? List.of(script.file()) : List.of(script.file(), undo.file());
        String id = repeatable ? "r_" + Slug.of(script.description(), 60) : id(script.rawVersion());
        conversion.add(new ImportedMigration(id, null, List.of(), script.description(), transactional, placeholders,
                SqlText.withoutMarkers(text), repeatable ? "-- migrate:nothing"
                        : downgrade == null ? null : SqlText.withoutMarkers(downgrade), remarks,
                from, repeatable ? "R:" + script.description() : script.version().toString()));
    }

    /** Why a script cannot be converted: Flyway's own placeholders ({@code ${flyway:user}}) have no value here. */
    private static String templated(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!USER_PLACEHOLDER.matcher(m.group(1)).matches()) {
                return "a templated file: Flyway fills ${" + m.group(1) + "} in when it runs, and migrate has no such "
                        + "value (its placeholders are ${key}, given with -x key=value)";
            }
        }
        return null;
    }

    /** {@code 1.2} becomes the revision id {@code 1_2}: ids are letters, digits and '_'. */
    static String id(String rawVersion) {
        return rawVersion.replace('.', '_').toLowerCase(Locale.ROOT);
    }
}
