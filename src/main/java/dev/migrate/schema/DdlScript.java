package dev.migrate.schema;

import java.util.ArrayList;
import java.util.List;

/** Collects statements and commented-out warnings while a DDL writer walks a diff. */
final class DdlScript {
    private final StringBuilder sql = new StringBuilder();
    private final List<String> warnings = new ArrayList<>();

    void statement(String statement) {
        sql.append(statement).append(";\n");
    }

    void comment(String text) {
        for (String line : text.split("\n")) {
            sql.append("-- ").append(line).append('\n');
        }
    }

    /** A change left for the developer: the warning, then each statement commented out. */
    void unsafe(String warning, List<String> statements) {
        warnings.add("left commented out: " + warning);
        sql.append("-- WARNING: ").append(warning).append('\n');
        for (String statement : statements) {
            for (String line : (statement + ";").split("\n")) {
                sql.append("-- ").append(line).append('\n');
            }
        }
    }

    /** A change written as statements, with a warning above them. */
    void warn(String warning) {
        warnings.add(warning);
        sql.append("-- WARNING: ").append(warning).append('\n');
    }

    Ddl build() {
        return new Ddl(sql.toString(), warnings);
    }
}
