package dev.migrate.cli;

import dev.migrate.testing.Distribution;
import dev.migrate.testing.Distribution.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The distribution as a user gets it: {@code mvn -B package} has built the tarball; it is unpacked in a temporary
 * folder, its {@code bin} put on {@code PATH}, and {@code migrate upgrade head} run in another folder.
 */
class DistributionIT {
    @Test
    void unpackedTarballOnPathUpgradesHeadInAnotherFolder(@TempDir Path temp) throws Exception {
        Distribution dist = Distribution.unpack(temp.resolve("unpacked"));
        assertEquals(List.of("LICENSE", "README.md", "bin", "lib"), names(dist.home()));
        assertEquals(List.of("migrate-" + dist.version() + ".jar"), names(dist.home().resolve("lib")));
        assertTrue(Files.getPosixFilePermissions(dist.launcher()).contains(PosixFilePermission.OWNER_EXECUTE));
        List<String> installed = Distribution.listing(dist.home());

        Path project = Files.createDirectories(temp.resolve("project"));
        int revisions = Distribution.copySampleMigrations(project);
        Map<String, String> environment = Distribution.environment(temp.resolve("home"), temp.resolve("cache"),
                dist.bin());

        Result upgrade = Distribution.shell(project, environment, "migrate upgrade head");
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        assertEquals(revisions, upgrade.out().lines().filter(l -> l.startsWith("Running upgrade")).count(),
                upgrade.toString());
        assertTrue(upgrade.out().contains("INFO: backfilled 2 prompt digests"), upgrade.toString());
        assertTrue(Files.isRegularFile(project.resolve("migrate.db")), "the database is made in the current folder");

        Result current = Distribution.shell(project, environment, "migrate current");
        assertEquals(0, current.exitCode(), current.toString());
        assertTrue(current.out().strip().endsWith("(head)"), current.toString());
        assertEquals(installed, Distribution.listing(dist.home()),
                "running migrate writes nothing into the installation, which may be read-only");
    }

    @Test
    void aSymbolicLinkOnPathFindsTheDistributionAndArgumentsStayRelativeToTheCaller(@TempDir Path temp)
            throws Exception {
        Distribution dist = Distribution.unpack(temp.resolve("opt"));
        Path links = Files.createDirectories(temp.resolve("usr-local-bin"));
        // A relative link, as `ln -s ../opt/migrate-x/bin/migrate` makes: resolved against the link's folder.
        Files.createSymbolicLink(links.resolve("migrate"), links.relativize(dist.launcher()));
        Path project = Files.createDirectories(temp.resolve("work space"));
        Distribution.copySampleMigrations(project.resolve("db"));
        Map<String, String> environment = Distribution.environment(temp.resolve("home"), temp.resolve("cache"), links);

        Result upgrade = Distribution.shell(project, environment,
                "migrate --dir db/migrations --url jdbc:sqlite:app.db upgrade d41c8f2e6a90");
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.out().contains("-> d41c8f2e6a90"), upgrade.toString());
        assertTrue(Files.isRegularFile(project.resolve("app.db")), "relative paths are the caller's: " + upgrade);
    }

    @Test
    void theZipHoldsTheSameDistributionWithAnExecutableLauncher(@TempDir Path temp) throws Exception {
        Map<String, String> environment = Distribution.environment(temp.resolve("home"), temp.resolve("cache"));
        Result which = Distribution.shell(temp, environment, "command -v unzip");
        assumeTrue(which.exitCode() == 0, "no unzip on this machine to unpack the zip as a user would");
        Path unpacked = Files.createDirectories(temp.resolve("unpacked"));
        Result unzip = Distribution.shell(unpacked, environment, "unzip -q '" + Distribution.zip() + "'");
        assertEquals(0, unzip.exitCode(), unzip.toString());
        Path home = Distribution.onlyFolderIn(unpacked);
        Distribution tar = Distribution.unpack(temp.resolve("from-tar"));
        assertEquals(tar.home().getFileName(), home.getFileName());
        assertEquals(Distribution.listing(tar.home()), Distribution.listing(home));

        Result version = Distribution.shell(temp, environment, "'" + home.resolve("bin/migrate") + "' --version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().contains(tar.version()), version.toString());
    }

    private static List<String> names(Path folder) throws Exception {
        try (var entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
