package dev.migrate;

import dev.migrate.api.RevisionRequest;
import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.graph.RevisionNode;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.source.MigrationWriter;
import dev.migrate.source.RevisionIds;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code revision} and {@code merge}: new files whose headers fit the graph they join. */
final class Authoring {
    private final MigrateConfig config;
    private final RevisionGraph graph;
    private final Set<String> logged;

    /** @param logged ids the database's applied-migrations log has seen: never handed out again */
    Authoring(MigrateConfig config, RevisionGraph graph, Set<String> logged) {
        this.config = config;
        this.graph = graph;
        this.logged = Set.copyOf(logged);
    }

    /** Writes a new revision on the single head (or {@code request.head()}); returns the file written. */
    Path revision(RevisionRequest request) {
        return write(request, parents(request), null, null);
    }

    /** The revision(s) a new revision follows: {@code request.head()}, else the single head. */
    List<String> parents(RevisionRequest request) {
        if (request.head() != null) {
            List<String> base = Target.parse(request.head()).resolve(graph, List.of());
            if (base.size() != 1) {
                throw new UsageException("--head " + request.head() + " names " + base.size() + " revisions; name one.");
            }
            String parent = base.get(0);
            if (!graph.isHead(parent) && !request.splice()) {
                List<String> children = graph.children(parent);
                throw new UsageException(parent + " is not a head: " + String.join(", ", children)
                        + (children.size() == 1 ? " already follows it." : " already follow it.")
                        + " Build on a head, or add --splice to start a new branch from " + parent + ".");
            }
            return base;
        }
        if (graph.heads().size() > 1) {
            throw new UsageException("The migrations have " + graph.heads().size() + " heads ("
                    + String.join(", ", graph.heads()) + "), so the new revision's parent is ambiguous. "
                    + "Build on one with --head REV, or join them first: migrate merge -m \"merge heads\".");
        }
        return graph.heads();
    }

    /**
     * Writes a new revision after {@code down}; {@code upgrade} and {@code downgrade} fill its sections (a SQL
     * revision only), or null leaves them empty to edit.
     */
    Path write(RevisionRequest request, List<String> down, String upgrade, String downgrade) {
        String id = newId(request.revisionId());
        List<String> dependsOn = request.dependsOn().stream().map(graph::resolveId).toList();
        for (String label : request.branchLabels()) {
            if (!RevisionNode.isValidId(label) || graph.labeled(label) != null) {
                throw new UsageException("Branch label '" + label + "' is " + (RevisionNode.isValidId(label)
                        ? "already used by revision " + graph.labeled(label) : "not letters, digits and '_'") + ".");
            }
        }
        MigrationWriter.NewRevision revision = new MigrationWriter.NewRevision(id, down, request.message(),
                request.branchLabels(), dependsOn);
        MigrationWriter writer = writer();
        if (request.java()) {
            return writer.writeJava(revision);
        }
        return upgrade == null ? writer.writeSql(revision) : writer.writeSql(revision, upgrade, downgrade);
    }

    /**
     * Writes a merge revision of {@code revisions} (default: every head) under {@code revisionId} (null: a new one);
     * returns the file written.
     */
    Path merge(String message, List<String> revisions, String revisionId) {
        // Each REV is a target, as --head takes: an id or prefix, heads, label@head; never one counted from the
        // database's revision, which authoring does not read.
        List<String> parents = new ArrayList<>();
        for (String revision : revisions) {
            Target target = Target.parse(revision);
            if (target.isRelativeToCurrent() || target.isBase()) {
                throw new UsageException("merge joins revisions of the folder: '" + revision + "' names "
                        + (target.isBase() ? "no revision" : "a step from the database's revision")
                        + ". Name revisions (ids or prefixes), heads, or label@head.");
            }
            target.resolve(graph, List.of()).stream().filter(id -> !parents.contains(id)).forEach(parents::add);
        }
        if (revisions.isEmpty()) {
            parents.addAll(graph.heads());
        }
        if (parents.size() < 2) {
            throw new UsageException("A merge needs at least two revisions; " + (revisions.isEmpty()
                    ? "the migrations have " + graph.heads().size() + " head(s)"
                    : String.join(" ", revisions) + " name" + (revisions.size() == 1 ? "s" : "") + " only "
                    + String.join(", ", parents)) + ". Nothing to merge.");
        }
        for (String other : parents) {
            Set<String> before = graph.downAncestors(List.of(other));
            for (String parent : parents) {
                if (!other.equals(parent) && before.contains(parent)) {
                    throw new UsageException(parent + " comes before " + other + " already, so merging them joins "
                            + "nothing (the merge would only add an edge). Merge revisions on different branches: "
                            + "`migrate heads` lists the heads.");
                }
            }
        }
        Set<String> afterAll = new HashSet<>(graph.descendants(parents.get(0)));
        for (String parent : parents.subList(1, parents.size())) {
            afterAll.retainAll(graph.descendants(parent));
        }
        graph.topological().stream().map(RevisionNode::id).filter(afterAll::contains).findFirst().ifPresent(joined -> {
            throw new UsageException(String.join(", ", parents) + " are joined already, by " + joined
                    + ": another merge of them would only add a head. Merge the heads instead (`migrate heads` lists "
                    + "them), or build on " + joined + ".");
        });
        String id = newId(revisionId);
        return writer().writeSql(new MigrationWriter.NewRevision(id, parents, message, List.of(), List.of()));
    }

    private String newId(String requested) {
        if (requested == null) {
            Set<String> taken = new HashSet<>(graph.ids());
            taken.addAll(logged);
            return new RevisionIds(config.revisionIdStyle(), Clock.systemUTC()).next(taken);
        }
        if (!RevisionNode.isDeclarableId(requested)) {
            throw new UsageException("--rev-id '" + requested + "' " + RevisionNode.idProblem(requested) + ".");
        }
        if (graph.contains(requested)) {
            throw new UsageException("Revision " + requested + " already exists (" + graph.get(requested).location() + ").");
        }
        if (logged.contains(requested)) {
            throw new UsageException("Revision id " + requested + " was used before on this database (see `migrate log`), "
                    + "by a file this folder no longer has: a new revision under that id would never run there. "
                    + "Choose another id.");
        }
        return requested;
    }

    private MigrationWriter writer() {
        if (config.dir() == null) {
            throw new UsageException("New revisions are written to a migrations folder; " + config.location()
                    + " is inside a jar. Use --dir with the folder that the jar is built from.");
        }
        return new MigrationWriter(config.dir(), config.fileTemplate(), Clock.systemUTC());
    }
}
