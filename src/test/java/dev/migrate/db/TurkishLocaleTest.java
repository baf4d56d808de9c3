package dev.migrate.db;

import dev.migrate.api.TransactionMode;
import dev.migrate.config.MigrateConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Under a Turkish default locale, 'I' lower-cases to a dotless 'ı': names, lock keys and texts must not change. */
class TurkishLocaleTest {
    private Locale saved;

    @BeforeEach
    void turkish() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    @Test
    void lockKeyAndQuotedNamesAreTheSameAsInEnglish() {
        assertEquals(PostgresDialect.lockKey("public.migrate_version"), PostgresDialect.lockKey("PUBLIC.MIGRATE_VERSION"));
        assertEquals("\"migrate_version\"", new PostgresDialect().quote("MIGRATE_VERSION"));
    }

    @Test
    void configurationTextsAreTheSameAsInEnglish() {
        MigrateConfig config = MigrateConfig.builder().url("jdbc:sqlite:x.db")
                .transactionMode(TransactionMode.PER_MIGRATION).build();
        assertTrue(config.summary().endsWith("transaction mode per-migration"), config.summary());
        assertEquals("per-migration", config.explain().get("transaction_mode")[0]);
    }
}
