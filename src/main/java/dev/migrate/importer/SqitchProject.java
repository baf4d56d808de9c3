package dev.migrate.importer;

import dev.migrate.api.UsageException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sqitch project: {@code sqitch.plan} gives the changes in deploy order, each with its {@code deploy/},
 * {@code revert/} and {@code verify/} script. Each change follows the one planned before it (Sqitch deploys in plan
 * order) and its {@code [requires]} become {@code depends_on}. A reworked change (planned again after a tag) is a
 * second revision, {@code <name>_v2}; its earlier scripts are the {@code <name>@<tag>.sql} copies Sqitch keeps.
 */
final class SqitchProject implements Converter {
    private static final Pattern CHANGE = Pattern.compile(
            "[+-]?(\\S+?)(?:\\s+\\[([^]]*)])?\\s+(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)\\s+(.*?)(?:\\s+#\\s?(.*))?");
    private static final Pattern TAG = Pattern.compile("@(\\S+)\\s.*");

    /** One planned change; {@code occurrence} counts reworks from 1; {@code tagAfter} is the first tag after it. */
    private record Planned(String name, int occurrence, List<String> requires, String note, int line, String[] tagAfter) {
    }

    /** The project name from {@code %project=}, which the registry keys its rows with. */
    static String project(Path source) {
        return plan(source).project;
    }

    private static final class Plan {
        String project;
        final List<Planned> changes = new ArrayList<>();
    }

    @Override
    public Conversion read(Path source) {
        Conversion conversion = new Conversion();
        Plan plan = plan(source);
        Map<String, Integer> occurrences = new HashMap<>();
        Map<String, String> latestId = new HashMap<>();
        for (Planned change : plan.changes) {
            int last = (int) plan.changes.stream().filter(c -> c.name().equals(change.name())).count();
            String id = Slug.id(change.name()) + (change.occurrence() == 1 ? "" : "_v" + change.occurrence());
            if (change.occurrence() != last && change.tagAfter()[0] == null) {
                throw new UsageException("sqitch.plan:" + change.line() + ": change " + change.name() + " is planned "
                        + "again later with no tag in between; Sqitch refuses this plan too.");
            }
            String suffix = change.occurrence() == last ? "" : "@" + change.tagAfter()[0];
            Path deploy = source.resolve("deploy").resolve(change.name() + suffix + ".sql");
            Path revert = source.resolve("revert").resolve(change.name() + suffix + ".sql");
            Path verify = source.resolve("verify").resolve(change.name() + suffix + ".sql");
            String key = change.name() + "#" + change.occurrence();
            List<String> dependsOn = dependencies(conversion, plan.project, change, latestId);
            latestId.put(change.name(), id);
            occurrences.merge(change.name(), 1, Integer::sum);
            if (!Files.isRegularFile(deploy)) {
                conversion.gap(source.resolve("sqitch.plan"), id, key, "change " + change.name() + " (sqitch.plan line "
                        + change.line() + ") has no deploy script " + source.relativize(deploy));
                continue;
            }
            String deployText = SqlText.read(deploy);
            String psql = psqlCommand(deployText);
            if (psql != null) {
                conversion.gap(deploy, id, key, "it uses the psql command " + psql + ", which only psql understands");
                continue;
            }
            List<String> remarks = new ArrayList<>();
            List<Path> from = new ArrayList<>(List.of(deploy));
            SqlText.Unwrapped up = SqlText.unwrapTransaction(deployText);
            String downgrade = null;
            if (Files.isRegularFile(revert)) {
                downgrade = SqlText.withoutMarkers(SqlText.unwrapTransaction(SqlText.read(revert)).text());
                from.add(revert);
            }
            if (up.wasWrapped()) {
                remarks.add("its BEGIN; ... COMMIT; wrapper was dropped: migrate runs each migration in a transaction");
            } else {
                remarks.add("Sqitch ran this script without BEGIN/COMMIT; migrate runs it in a transaction. If it holds "
                        + "statements that cannot run in one, add '-- transaction: false' to the header");
            }
            String upgrade = SqlText.withoutMarkers(up.text());
            if (Files.isRegularFile(verify)) {
                upgrade = upgrade + verifyComment(source.relativize(verify), SqlText.read(verify));
                from.add(verify);
            }
            conversion.add(new ImportedMigration(id, null, dependsOn, change.note().isEmpty() ? change.name() : change.note(),
                    true, false, upgrade, downgrade, remarks, from, key));
        }
        if (!plan.changes.isEmpty() && occurrences.values().stream().anyMatch(n -> n > 1)) {
            conversion.note("Reworked Sqitch changes became one revision per version: the later ones are named "
                    + "<change>_v2, <change>_v3, ...");
        }
        return conversion;
    }

    private static List<String> dependencies(Conversion conversion, String project, Planned change,
                                             Map<String, String> latestId) {
        Set<String> ids = new LinkedHashSet<>();
        for (String require : change.requires()) {
            if (require.startsWith("!")) {
                conversion.note("Sqitch conflicts (" + require + " in change " + change.name() + ") have no equivalent "
                        + "and were dropped: migrate's graph says what must come first, not what must be absent.");
                continue;
            }
            String name = require;
            int colon = name.indexOf(':');
            if (colon >= 0) {
                if (!name.substring(0, colon).equals(project)) {
                    conversion.note("Change " + change.name() + " requires " + require + " from another Sqitch project; "
                            + "migrate's depends_on names revisions of this folder only, so it was dropped.");
                    continue;
                }
                name = name.substring(colon + 1);
            }
            name = name.replaceFirst("@.*$", "");
            String id = latestId.get(name);
            if (id == null) {
                throw new UsageException("sqitch.plan:" + change.line() + ": change " + change.name() + " requires "
                        + require + ", which is not planned before it; Sqitch refuses this plan too.");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /** Verify scripts have no section of their own yet: kept as a comment after the upgrade, for a reader. */
    private static String verifyComment(Path file, String text) {
        StringBuilder comment = new StringBuilder("\n-- Sqitch verify script (" + file + "), not run by migrate:\n");
        for (String line : SqlText.lines(SqlText.unwrapTransaction(text).text())) {
            comment.append(line.isBlank() ? "--" : "--   " + line).append('\n');
        }
        return comment.toString();
    }

    private static String psqlCommand(String text) {
        for (String line : SqlText.lines(text)) {
            if (line.trim().startsWith("\\")) {
                return line.trim().split("\\s+")[0];
            }
        }
        return null;
    }

    private static Plan plan(Path source) {
        SourceFiles.requireFolder(source);
        Path file = source.resolve("sqitch.plan");
        if (!Files.isRegularFile(file)) {
            throw new UsageException(source + " has no sqitch.plan; give the folder of the Sqitch project (where "
                    + "sqitch.plan, deploy/ and revert/ are).");
        }
        Plan plan = new Plan();
        Map<String, Integer> occurrences = new HashMap<>();
        List<String[]> openTags = new ArrayList<>();
        int number = 0;
        for (String line : SqlText.lines(SqlText.read(file))) {
            number++;
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("%")) {
                if (trimmed.startsWith("%project=")) {
                    plan.project = trimmed.substring("%project=".length()).trim();
                }
                continue;
            }
            if (TAG.matcher(trimmed).matches()) {
                String tag = TAG.matcher(trimmed).replaceFirst("$1");
                for (String[] open : openTags) {
                    open[0] = tag;
                }
                openTags.clear();
                continue;
            }
            Matcher m = CHANGE.matcher(trimmed);
            if (!m.matches()) {
                throw new UsageException(file + ":" + number + ": not a Sqitch plan line (change, @tag or %pragma): "
                        + trimmed);
            }
            List<String> requires = m.group(2) == null || m.group(2).isBlank() ? List.of()
                    : List.of(m.group(2).trim().split("\\s+"));
            String[] tagAfter = new String[1];
            openTags.add(tagAfter);
            plan.changes.add(new Planned(m.group(1), occurrences.merge(m.group(1), 1, Integer::sum), requires,
                    m.group(5) == null ? "" : m.group(5).replace("\\n", " ").trim(), number, tagAfter));
        }
        if (plan.project == null) {
            throw new UsageException(file + " has no %project= line; Sqitch needs it too.");
        }
        return plan;
    }
}
