package dev.migrate;

import java.util.List;

/** A plan made from the version table's rows: pure, so a command makes it again once it holds the lock. */
@FunctionalInterface
interface Plan<T> {
    T make(List<String> current);
}
