package dev.migrate.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goose SQL migrations: {@code <version>_<name>.sql} in numeric version order, with {@code -- +goose Up} and
 * {@code -- +goose Down} sections. {@code StatementBegin}/{@code StatementEnd} only told goose where a statement
 * with inner semicolons ends; migrate's splitter reads the same statements from the SQL itself (dollar quotes,
 * trigger bodies), so the annotations go. {@code -- +goose NO TRANSACTION} becomes {@code transaction: false}.
 */
final class GooseFolder implements Converter {
    private static final Pattern FILE = Pattern.compile("(\\d+)_(.*)\\.(sql|go)");
    private static final Pattern ANNOTATION = Pattern.compile("--\\s*\\+goose\\s+(.*)", Pattern.CASE_INSENSITIVE);

    @Override
    public Conversion read(Path source) {
        Conversion conversion = new Conversion();
        Map<VersionNumber, Path> byVersion = new TreeMap<>();
        Map<VersionNumber, String> raw = new TreeMap<>();
        for (Path file : SourceFiles.list(source, false)) {
            Matcher m = FILE.matcher(file.getFileName().toString());
            if (!m.matches() || file.getFileName().toString().endsWith("_test.go")) {
                if (!SourceFiles.isNote(file) && !file.getFileName().toString().endsWith(".go")) {
                    conversion.notConverted(file, "not a goose migration name (<version>_<name>.sql)");
                }
                continue; // other Go files are the package's own code (a main.go), not migrations
            }
            VersionNumber version = VersionNumber.parse(m.group(1));
            Path clash = byVersion.putIfAbsent(version, file);
            if (clash != null) {
                conversion.notConverted(file, "version " + version + " is also " + clash.getFileName()
                        + "; goose refuses two migrations with one version too");
            }
            raw.putIfAbsent(version, m.group(1));
        }
        byVersion.forEach((version, file) -> {
            String id = raw.get(version);
            if (file.getFileName().toString().endsWith(".go")) {
                conversion.gap(file, id, version.toString(), "a goose Go migration; it is code, not SQL");
            } else {
                convert(conversion, file, id, version);
            }
        });
        return conversion;
    }

    private static void convert(Conversion conversion, Path file, String id, VersionNumber version) {
        String name = file.getFileName().toString().replaceFirst("^\\d+_", "").replaceFirst("\\.sql$", "");
        List<String> up = null;
        List<String> down = null;
        List<String> current = new ArrayList<>();
        boolean transactional = true;
        for (String line : SqlText.lines(SqlText.read(file))) {
            Matcher annotation = ANNOTATION.matcher(line.trim());
            if (!annotation.matches()) {
                current.add(line);
                continue;
            }
            String word = annotation.group(1).trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            switch (word) {
                case "UP" -> {
                    up = new ArrayList<>();
                    current = up;
                }
                case "DOWN" -> {
                    down = new ArrayList<>();
                    current = down;
                }
                case "NO TRANSACTION" -> transactional = false;
                case "STATEMENTBEGIN", "STATEMENTEND" -> {
                }
                default -> {
                    if (word.startsWith("ENVSUB")) {
                        conversion.gap(file, id, version.toString(), "a templated file (-- +goose " + annotation.group(1).trim()
                                + "): goose substitutes environment variables into it when it runs");
                    } else {
                        conversion.gap(file, id, version.toString(), "an annotation migrate does not know: -- +goose "
                                + annotation.group(1).trim());
                    }
                    return;
                }
            }
        }
        if (up == null) {
            conversion.gap(file, id, version.toString(), "it has no '-- +goose Up' annotation, which goose requires too");
            return;
        }
        conversion.add(new ImportedMigration(id, null, List.of(), SqlText.message(name), transactional, false,
                SqlText.withoutMarkers(SqlText.section(up)),
                down == null ? null : SqlText.withoutMarkers(SqlText.section(down)),
                transactional ? List.of() : List.of("-- +goose NO TRANSACTION"), List.of(file), version.toString()));
    }
}
