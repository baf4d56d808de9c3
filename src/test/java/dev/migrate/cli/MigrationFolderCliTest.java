package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An entry of the migrations folder that cannot be read stops every command; check never says OK over it. */
class MigrationFolderCliTest {
    @TempDir
    Path work;

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dir=" + work.resolve("migrations");
        all[args.length + 1] = "--url=jdbc:sqlite:" + work.resolve("app.db");
        return new Cli(Map.of()).run(all);
    }

    @Test
    void aDanglingLinkStopsUpgradeAndFailsCheck() throws IOException {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        new MigrationFiles(files.dir().resolve("later")).table("b2", "a1");
        Path dangling = Files.createSymbolicLink(files.dir().resolve("c3_gone.sql"), work.resolve("nowhere.sql"));

        Cli.Result upgrade = run("upgrade", "head");
        assertEquals(2, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains(dangling + ": is a symbolic link to " + work.resolve("nowhere.sql")),
                upgrade.toString());
        assertFalse(Files.exists(work.resolve("app.db")) && run("current").out().contains("a1"), "nothing ran");

        Cli.Result check = run("check");
        assertEquals(3, check.exitCode(), check.toString());
        assertFalse(check.out().contains("OK"), check.toString());

        Files.delete(dangling);
        Cli.Result fixed = run("upgrade", "head");
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertTrue(fixed.out().contains("a1 -> b2") || fixed.err().contains("a1 -> b2"), fixed.toString());
    }
}
