package dev.migrate.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbmate: {@code <version>_<name>.sql} in file-name order, each with a {@code -- migrate:up} and a
 * {@code -- migrate:down} block; {@code transaction:false} after either marker runs that block outside a transaction.
 */
final class DbmateFolder implements Converter {
    private static final Pattern FILE = Pattern.compile("(\\d+)_?(.*)\\.sql");
    private static final Pattern MARKER = Pattern.compile("--\\s*migrate:(up|down)\\b(.*)", Pattern.CASE_INSENSITIVE);

    @Override
    public Conversion read(Path source) {
        Conversion conversion = new Conversion();
        for (Path file : SourceFiles.list(source, false)) {
            Matcher m = FILE.matcher(file.getFileName().toString());
            if (!m.matches()) {
                if (!SourceFiles.isNote(file)) {
                    conversion.notConverted(file, "not a dbmate migration name (<version>_<name>.sql)");
                }
                continue;
            }
            convert(conversion, file, m.group(1), m.group(2));
        }
        return conversion;
    }

    private static void convert(Conversion conversion, Path file, String version, String name) {
        List<String> preamble = new ArrayList<>();
        List<String> up = null;
        List<String> down = null;
        List<String> current = preamble;
        boolean upTransaction = true;
        boolean downTransaction = true;
        for (String line : SqlText.lines(SqlText.read(file))) {
            Matcher marker = MARKER.matcher(line.trim());
            if (marker.matches()) {
                boolean transaction = !marker.group(2).replace(" ", "").toLowerCase(Locale.ROOT).contains("transaction:false");
                if (marker.group(1).equalsIgnoreCase("up")) {
                    up = new ArrayList<>(preamble);
                    current = up;
                    upTransaction = transaction;
                } else {
                    down = new ArrayList<>();
                    current = down;
                    downTransaction = transaction;
                }
                continue;
            }
            current.add(line);
        }
        if (up == null) {
            conversion.gap(file, version, version, "it has no '-- migrate:up' block, which dbmate requires too");
            return;
        }
        List<String> remarks = new ArrayList<>();
        boolean transactional = upTransaction && downTransaction;
        if (!transactional && upTransaction != downTransaction) {
            remarks.add("dbmate ran only its " + (upTransaction ? "down" : "up") + " block outside a transaction; "
                    + "migrate's transaction setting is per file, so both are");
        }
        conversion.add(new ImportedMigration(version, null, List.of(), SqlText.message(name), transactional, false,
                SqlText.withoutMarkers(SqlText.section(up)),
                down == null ? null : SqlText.withoutMarkers(SqlText.section(down)), remarks, List.of(file), version));
    }
}
