package dev.migrate.api;

/**
 * One migration run in one direction, as listeners and results describe it.
 *
 * @param direction {@code upgrade} or {@code downgrade}
 * @param revision  the revision whose migration runs
 * @param from      where the step starts: the down_revisions going up ({@code <base>} for a root), the revision going down
 * @param to        where it ends
 * @param message   the revision's message
 */
public record StepInfo(String direction, String revision, String from, String to, String message) {
}
