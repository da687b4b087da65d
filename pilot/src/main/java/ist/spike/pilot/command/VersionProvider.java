package ist.spike.pilot.command;

import picocli.CommandLine.IVersionProvider;

/** The version recorded in the jar manifest at build time. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"spike (SPIKE for Java) " + (version == null ? "development build" : version)};
    }
}
