package dev.migrate.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"migrate " + (version == null ? "(development build)" : version)
                + ", Java " + System.getProperty("java.version")};
    }
}
