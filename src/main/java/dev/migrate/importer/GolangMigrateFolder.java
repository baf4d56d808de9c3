package dev.migrate.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate: {@code <version>_<title>.up.sql} with its {@code .down.sql}, in numeric version order. The tool
 * runs each file as it is, without a transaction of its own, so files often wrap themselves in BEGIN/COMMIT; that
 * wrapper is dropped, since migrate runs each migration in a transaction.
 */
final class GolangMigrateFolder implements Converter {
    private static final Pattern FILE = Pattern.compile("(\\d+)_(.*)\\.(up|down)\\.([A-Za-z0-9]+)");

    private record Pair(String rawVersion, String title, Path up, Path down) {
    }

    @Override
    public Conversion read(Path source) {
        Conversion conversion = new Conversion();
        Map<VersionNumber, Pair> byVersion = new TreeMap<>();
        for (Path file : SourceFiles.list(source, false)) {
            Matcher m = FILE.matcher(file.getFileName().toString());
            if (!m.matches()) {
                if (!SourceFiles.isNote(file)) {
                    conversion.notConverted(file, "not a golang-migrate migration name (<version>_<title>.up.sql or .down.sql)");
                }
                continue;
            }
            VersionNumber version = VersionNumber.parse(m.group(1));
            Pair pair = byVersion.getOrDefault(version, new Pair(m.group(1), m.group(2), null, null));
            boolean up = m.group(3).equals("up");
            if ((up ? pair.up() : pair.down()) != null) {
                conversion.notConverted(file, "a second " + m.group(3) + " file for version " + version
                        + "; golang-migrate refuses it too");
                continue;
            }
            byVersion.put(version, up ? new Pair(pair.rawVersion(), m.group(2), file, pair.down())
                    : new Pair(pair.rawVersion(), pair.title(), pair.up(), file));
        }
        byVersion.forEach((version, pair) -> convert(conversion, version, pair));
        return conversion;
    }

    private static void convert(Conversion conversion, VersionNumber version, Pair pair) {
        String id = pair.rawVersion();
        if (pair.up() == null) {
            conversion.notConverted(pair.down(), "a down file without an up file for version " + version);
            return;
        }
        if (!pair.up().getFileName().toString().endsWith(".sql")) {
            conversion.gap(pair.up(), id, version.toString(), "not a SQL file (golang-migrate runs it through a "
                    + "driver for another database)");
            return;
        }
        List<String> remarks = new ArrayList<>();
        List<Path> from = new ArrayList<>(List.of(pair.up()));
        SqlText.Unwrapped up = SqlText.unwrapTransaction(SqlText.read(pair.up()));
        String downgrade = null;
        boolean downWrapped = false;
        if (pair.down() != null) {
            SqlText.Unwrapped down = SqlText.unwrapTransaction(SqlText.read(pair.down()));
            downgrade = SqlText.withoutMarkers(down.text());
            downWrapped = down.wasWrapped();
            from.add(pair.down());
        }
        if (up.wasWrapped() || downWrapped) {
            remarks.add("its BEGIN; ... COMMIT; wrapper was dropped: migrate runs each migration in a transaction");
        }
        conversion.add(new ImportedMigration(id, null, List.of(), SqlText.message(pair.title()), true, false,
                SqlText.withoutMarkers(up.text()), downgrade, remarks, from, version.toString()));
    }
}
