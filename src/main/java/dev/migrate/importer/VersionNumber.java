package dev.migrate.importer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric version such as Flyway's {@code 1.2} (or {@code 1_2}) or golang-migrate's {@code 000042}, compared part
 * by part as numbers, the way those tools order and record them: {@code 1.10} after {@code 1.9}, {@code 001} equal
 * to {@code 1}, and (as in Flyway) {@code 1.0} equal to {@code 1}.
 */
record VersionNumber(List<BigInteger> parts) implements Comparable<VersionNumber> {

    /** Digits separated by '.' or '_'; null if the text is not such a version. */
    static VersionNumber parse(String text) {
        if (text == null || !text.matches("\\d+([._]\\d+)*")) {
            return null;
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : text.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return new VersionNumber(List.copyOf(parts));
    }

    @Override
    public int compareTo(VersionNumber other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int order = a.compareTo(b);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** The canonical text a history table is matched on: {@code 1.2}, {@code 42}. */
    @Override
    public String toString() {
        return String.join(".", parts.stream().map(BigInteger::toString).toList());
    }
}
