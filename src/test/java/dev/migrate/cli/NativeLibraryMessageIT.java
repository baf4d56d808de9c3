package dev.migrate.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQLite's driver copies its native library into the temporary folder; where that folder cannot be written the
 * driver only says "Error opening connection". The packaged jar, run as another user, must say why.
 */
class NativeLibraryMessageIT {

    @Test
    void anUnwritableTemporaryFolderIsNamed(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root and setpriv to run as another user");
        Path jar = work.resolve("migrate.jar");
        Files.copy(Path.of(System.getProperty("migrate.jar", "target/migrate.jar")), jar);
        Path temp = Files.createDirectories(work.resolve("tmp"));
        Path data = Files.createDirectories(work.resolve("data"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        // An (empty) database file: a stamp of base where there is none writes nothing and loads no driver.
        Files.setPosixFilePermissions(Files.createFile(data.resolve("x.db")), PosixFilePermissions.fromString("rw-rw-rw-"));
        Process process = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + temp,
                "-jar", jar.toString(), "stamp", "base", "--url", "jdbc:sqlite:" + data.resolve("x.db"),
                "--dir", data.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("SQLite's native library could not be loaded: the driver copies it into the "
                + "temporary folder " + temp + ", which this user may not write"), output);
        assertTrue(output.lines().count() <= 3, "no stack traces without -v: " + output);
    }
}
