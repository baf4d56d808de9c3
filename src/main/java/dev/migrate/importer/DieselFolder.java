package dev.migrate.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diesel: a folder per migration, {@code <version>_<name>/up.sql} and {@code down.sql}, in version order. The version
 * is the folder name up to its first '_' with the dashes removed ({@code 2024-01-15-093000} is {@code 20240115093000}),
 * as Diesel records it in {@code __diesel_schema_migrations}. {@code run_in_transaction = false} in
 * {@code metadata.toml} becomes {@code transaction: false}.
 */
final class DieselFolder implements Converter {
    private static final Pattern FOLDER = Pattern.compile("([0-9-]*[0-9])_(.*)");

    @Override
    public Conversion read(Path source) {
        Conversion conversion = new Conversion();
        TreeMap<String, Path> byVersion = new TreeMap<>();
        for (Path folder : SourceFiles.folders(source)) {
            Matcher m = FOLDER.matcher(folder.getFileName().toString());
            if (!m.matches()) {
                conversion.notConverted(folder, "not a Diesel migration folder name (<version>_<name>)");
                continue;
            }
            String version = m.group(1).replace("-", "");
            Path clash = byVersion.putIfAbsent(version, folder);
            if (clash != null) {
                conversion.notConverted(folder, "version " + version + " is also " + clash.getFileName()
                        + "; Diesel refuses two migrations with one version too");
            }
        }
        for (Path file : SourceFiles.list(source, false)) {
            if (!SourceFiles.isNote(file)) {
                conversion.notConverted(file, "a file beside Diesel's migration folders, not a migration");
            }
        }
        byVersion.forEach((version, folder) -> convert(conversion, version, folder));
        return conversion;
    }

    private static void convert(Conversion conversion, String version, Path folder) {
        Path up = folder.resolve("up.sql");
        Path down = folder.resolve("down.sql");
        if (!Files.isRegularFile(up)) {
            conversion.gap(folder, version, version, "it has no up.sql" + (Files.exists(folder.resolve("up.rs"))
                    ? " (a Rust migration is code, not SQL)" : ""));
            return;
        }
        String name = folder.getFileName().toString().replaceFirst("^[0-9-]*[0-9]_", "");
        boolean transactional = !ScriptConfig.dieselOutsideTransaction(folder);
        List<Path> from = new ArrayList<>(List.of(up));
        String downgrade = null;
        if (Files.isRegularFile(down)) {
            downgrade = SqlText.withoutMarkers(SqlText.read(down));
            from.add(down);
        }
        conversion.add(new ImportedMigration(version, null, List.of(), SqlText.message(name), transactional, false,
                SqlText.withoutMarkers(SqlText.read(up)), downgrade,
                transactional ? List.of() : List.of("run_in_transaction = false in metadata.toml"), from, version));
    }
}
