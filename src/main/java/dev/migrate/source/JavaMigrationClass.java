package dev.migrate.source;

import dev.migrate.api.Revision;
import dev.migrate.api.JavaMigration;
import dev.migrate.api.MigrateException;
import dev.migrate.api.ExitCodes;
import dev.migrate.api.Problem;
import dev.migrate.graph.RevisionNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A compiled Java migration: its revision, read from the {@link dev.migrate.api.Revision} annotation, and its class. */
public record JavaMigrationClass(RevisionNode revision, Class<? extends JavaMigration> type) implements Migration {

    /** A new instance for one run. */
    public JavaMigration instantiate() {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new MigrateException("Cannot create " + type.getName() + " (revision " + revision.id() + "): "
                    + e, ExitCodes.FAILED, e);
        }
    }

    /** The revision, or the problems that keep the class from being a migration. */
    public record Result(JavaMigrationClass migration, List<Problem> problems) implements MigrationSource.Parsed {
    }

    /**
     * Reads a class as a migration.
     *
     * @param location how messages name where the class came from (its source file, or its jar)
     */
    public static Result read(Class<?> candidate, String location) {
        List<Problem> problems = new ArrayList<>();
        Revision header = candidate.getAnnotation(Revision.class);
        String id = header == null ? null : header.id();
        if (!JavaMigration.class.isAssignableFrom(candidate)) {
            problems.add(new Problem(location, 0, id, "class " + candidate.getName() + " does not implement "
                    + JavaMigration.class.getName()));
        }
        if (header == null) {
            problems.add(new Problem(location, 0, null, "class " + candidate.getName() + " has no @"
                    + Revision.class.getName() + " annotation (id, downRevision, message...)"));
            return new Result(null, problems);
        }
        if (!RevisionNode.isDeclarableId(id)) {
            problems.add(new Problem(location, 0, null, "revision id '" + id + "' " + RevisionNode.idProblem(id)));
        }
        List<String> down = Arrays.asList(header.downRevision());
        if (down.isEmpty()) {
            problems.add(new Problem(location, 0, id, "downRevision is empty; write downRevision = \"none\" for a first "
                    + "revision"));
        } else if (down.size() == 1 && down.get(0).equalsIgnoreCase("none")) {
            down = List.of();
        }
        for (String reference : concat(down, Arrays.asList(header.dependsOn()))) {
            if (!RevisionNode.isValidId(reference)) {
                problems.add(new Problem(location, 0, id, "'" + reference + "' is not a revision id"));
            }
        }
        if (!Modifier.isPublic(candidate.getModifiers()) || Modifier.isAbstract(candidate.getModifiers())
                || !hasPublicNoArgumentConstructor(candidate)) {
            problems.add(new Problem(location, 0, id, "class " + candidate.getName()
                    + " must be public, not abstract, with a public no-argument constructor"));
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        @SuppressWarnings("unchecked")
        Class<? extends JavaMigration> type = (Class<? extends JavaMigration>) candidate;
        RevisionNode revision = new RevisionNode(id, down, Arrays.asList(header.dependsOn()),
                Arrays.asList(header.branchLabels()), header.message(), header.transaction(), overridesDowngrade(type),
                location);
        return new Result(new JavaMigrationClass(revision, type), List.of());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean hasPublicNoArgumentConstructor(Class<?> candidate) {
        for (Constructor<?> constructor : candidate.getConstructors()) {
            if (constructor.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean overridesDowngrade(Class<? extends JavaMigration> type) {
        try {
            return type.getMethod("downgrade", dev.migrate.api.MigrationContext.class).getDeclaringClass()
                    != JavaMigration.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
