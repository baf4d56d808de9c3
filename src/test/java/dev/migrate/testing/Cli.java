package dev.migrate.testing;

import dev.migrate.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the real CLI entry point in-process with its own environment, capturing what it prints. */
public final class Cli {
    private final Map<String, String> environment;

    public Cli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public Cli() {
        this(Map.of());
    }

    public record Result(int exitCode, String out, String err) {
        /** Both streams, for assertion messages. */
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
