package dev.migrate.source;

import dev.migrate.api.UsageException;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Migrations inside an application: {@code classpath:db/migrations} lists the SQL resources directly in that folder
 * of the class loader's jars and folders (only that folder is listed, nothing else is scanned), and takes the Java
 * migrations registered as services in the matching package {@code db.migrations}.
 */
public final class ClasspathLocation implements MigrationSource {
    private final String path;
    private final ClassLoader loader;

    public ClasspathLocation(String path, ClassLoader loader) {
        this.path = path;
        this.loader = loader;
    }

    @Override
    public String name() {
        return "classpath:" + path;
    }

    @Override
    public Contents load() {
        return read(true);
    }

    @Override
    public Contents headers() {
        return read(false);
    }

    /** @param whole SQL resources with their hashes ({@link SqlMigrationParser#parse}) or for the graph only */
    private Contents read(boolean whole) {
        TreeMap<String, TextSource> sql = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                list(roots.nextElement(), sql);
            }
        } catch (IOException | URISyntaxException e) {
            throw new UsageException("Cannot list " + name() + ": " + e.getMessage(), e);
        }
        List<Parsed> parsed = new ArrayList<>();
        for (TextSource text : sql.values()) {
            parsed.add(whole ? SqlMigrationParser.parse(text) : SqlMigrationParser.header(text));
        }
        Contents java = new PrecompiledMigrations(loader, path.replace('/', '.'), false, name()).load();
        Contents all = Contents.of(parsed).plus(java);
        if (all.migrations().isEmpty() && all.problems().isEmpty()) {
            throw new UsageException("No migrations found at " + name() + ": no .sql resources in that folder "
                    + "and no Java migrations registered in package " + path.replace('/', '.') + ".");
        }
        return all;
    }

    private void list(URL root, TreeMap<String, TextSource> sql) throws IOException, URISyntaxException {
        if (root.getProtocol().equals("file")) {
            Path dir = Path.of(root.toURI());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList()) {
                    String name = file.getFileName().toString();
                    sql.putIfAbsent(name, new TextSource.ResourceText(file.toUri().toURL(), name() + "/" + name));
                }
            }
        } else if (root.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = path + "/";
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String entry = entries.nextElement().getName();
                    String name = entry.startsWith(prefix) ? entry.substring(prefix.length()) : "";
                    if (name.endsWith(".sql") && !name.contains("/")) {
                        URL url = new URL("jar:" + connection.getJarFileURL() + "!/" + entry);
                        sql.putIfAbsent(name, new TextSource.ResourceText(url, name() + "/" + name));
                    }
                }
            }
        }
    }
}
