package dev.migrate.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two runners meet at one lock file whatever path names the database: through a link to a file SQLite has not
 * created yet as well (the first upgrade of a new database, named by a link a deployment prepared).
 */
class SqliteLockPathTest {
    @TempDir
    Path work;

    @Test
    void aLinkToAFileNotCreatedYetLeadsToTheTargetsPath() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Path target = data.resolve("app.db");
        Path link = Files.createSymbolicLink(work.resolve("app.db"), Path.of("data", "app.db"));
        Path chained = Files.createSymbolicLink(work.resolve("current.db"), link);

        Path expected = data.toRealPath().resolve("app.db");
        assertEquals(expected, SqliteDialect.realPath(link));
        assertEquals(expected, SqliteDialect.realPath(chained));
        assertEquals(expected, SqliteDialect.realPath(target));

        Files.writeString(target, "");
        assertEquals(expected, SqliteDialect.realPath(link), "and once the file exists");
    }

    @Test
    void aRelativeLinkInsideALinkedFolderIsReadFromWhereTheFolderReallyIs() throws Exception {
        // project/var is a link to srv/var; project/var/app.db is a link to ../shared/app.db, which is srv/shared's.
        Path srv = Files.createDirectories(work.resolve("srv/var"));
        Files.createDirectories(work.resolve("srv/shared"));
        Files.createDirectories(work.resolve("project/shared")); // the folder the text "var/../shared" would name
        Path linkedFolder = Files.createSymbolicLink(work.resolve("project/var"), srv);
        Files.createSymbolicLink(srv.resolve("app.db"), Path.of("..", "shared", "app.db"));

        Path expected = work.resolve("srv/shared").toRealPath().resolve("app.db");
        assertEquals(expected, SqliteDialect.realPath(linkedFolder.resolve("app.db")), "before SQLite creates it");
        Files.writeString(expected, "");
        assertEquals(expected, SqliteDialect.realPath(linkedFolder.resolve("app.db")), "and after");
    }
}
