package dev.migrate.source;

import dev.migrate.graph.Revision;

/** A revision together with the means to run it. SQL files are the only kind so far. */
public interface Migration {
    Revision revision();
}
