package dev.migrate.cli;

import java.util.Map;

/**
 * ANSI colour for a person at a terminal, never for a pipe, a file or CI logs: only when the output is a terminal,
 * {@code NO_COLOR} is not set (https://no-color.org) and {@code TERM} is not {@code dumb}.
 */
final class Colors {
    private final boolean enabled;

    private Colors(boolean enabled) {
        this.enabled = enabled;
    }

    static Colors decide(boolean terminal, Map<String, String> environment) {
        return new Colors(enabled(terminal, environment));
    }

    static boolean enabled(boolean terminal, Map<String, String> environment) {
        return terminal && !environment.containsKey("NO_COLOR") && !"dumb".equals(environment.get("TERM"));
    }

    boolean enabled() {
        return enabled;
    }

    String red(String text) {
        return wrap("31", text);
    }

    String green(String text) {
        return wrap("32", text);
    }

    String yellow(String text) {
        return wrap("33", text);
    }

    String bold(String text) {
        return wrap("1", text);
    }

    private String wrap(String code, String text) {
        return enabled ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
