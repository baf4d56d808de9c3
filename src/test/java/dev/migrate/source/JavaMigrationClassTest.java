package dev.migrate.source;

import dev.migrate.api.JavaMigration;
import dev.migrate.api.MigrationContext;
import dev.migrate.api.Problem;
import dev.migrate.api.Revision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JavaMigrationClassTest {

    @Revision(id = "a123456789b123456789c123456789d123456789e123456789f123456789g1234", downRevision = "none")
    public static class LongId implements JavaMigration {
        @Override
        public void upgrade(MigrationContext context) {
        }
    }

    @Test
    void anIdThatIsOnlyTooLongSaysSo() {
        JavaMigrationClass.Result result = JavaMigrationClass.read(LongId.class, "LongId.java");
        assertNull(result.migration());
        List<String> messages = result.problems().stream().map(Problem::message).toList();
        assertEquals(List.of("revision id '" + LongId.class.getAnnotation(Revision.class).id()
                + "' is 65 characters long; the limit is 64 (the version table's column)"), messages);
    }
}
