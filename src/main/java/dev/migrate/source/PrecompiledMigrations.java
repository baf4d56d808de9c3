package dev.migrate.source;

import dev.migrate.api.JavaMigration;
import dev.migrate.api.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Java migrations compiled ahead of time and registered explicitly, as {@link ServiceLoader} providers of
 * {@link JavaMigration} ({@code META-INF/services/dev.migrate.api.JavaMigration} lists the classes). Nothing is found
 * by scanning the classpath.
 */
public final class PrecompiledMigrations implements MigrationSource {
    private final ClassLoader loader;
    private final String packageName;
    private final boolean ownClassesOnly;
    private final String description;

    /**
     * @param packageName    only classes in this package (and below) belong to the source; null for any package
     * @param ownClassesOnly only classes defined by {@code loader} itself, not by its parents (for --classpath jars,
     *                       so an application's own registered migrations are not mixed in)
     */
    public PrecompiledMigrations(ClassLoader loader, String packageName, boolean ownClassesOnly, String description) {
        this.loader = loader;
        this.packageName = packageName;
        this.ownClassesOnly = ownClassesOnly;
        this.description = description;
    }

    @Override
    public String name() {
        return description;
    }

    @Override
    public Contents load() {
        List<Parsed> parsed = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<JavaMigration> provider : ServiceLoader.load(JavaMigration.class, loader)
                    .stream().toList()) {
                Class<? extends JavaMigration> type = provider.type();
                if (packageName != null && !(type.getPackageName().equals(packageName)
                        || type.getPackageName().startsWith(packageName + "."))) {
                    continue;
                }
                if (ownClassesOnly && type.getClassLoader() != loader) {
                    continue;
                }
                parsed.add(JavaMigrationClass.read(type, location(type)));
            }
        } catch (ServiceConfigurationError e) {
            problems.add(new Problem(description, 0, null, "a registered Java migration cannot be loaded: "
                    + e.getMessage()));
        }
        return Contents.of(parsed).plus(new Contents(List.of(), problems));
    }

    private static String location(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return type.getName() + (source == null || source.getLocation() == null ? "" : " in " + source.getLocation());
    }
}
