package dev.migrate.graph;

public enum Direction {
    UPGRADE, DOWNGRADE;

    public String word() {
        return this == UPGRADE ? "upgrade" : "downgrade";
    }
}
