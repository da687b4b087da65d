package ist.spike.pilot.secret;

import ist.spike.common.wire.secret.SecretMetadataContent;
import ist.spike.common.wire.secret.SecretMetadataResponse;
import ist.spike.common.wire.secret.SecretVersionInfo;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import ist.spike.pilot.output.Format;
import ist.spike.pilot.output.Printer;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get",
        description = "Print the version history of the secret at <path> (no values).")
final class SecretMetadataGet implements Runnable {
    private static final String RULE = "-".repeat(50);
    private static final DateTimeFormatter HUMAN_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;
    // Not mixinStandardHelpOptions: upstream's -v/--version (a secret version) would clash with its --version.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
    @Parameters(index = "0", paramLabel = "<path>")
    String path;
    @Option(names = {"-v", "--version"}, defaultValue = "0", description = "version that must exist (0 = current)")
    int version;
    @Option(names = {"-f", "--format"}, defaultValue = "human", converter = Format.Converter.class,
            description = "human, json or yaml")
    Format format;

    private final PilotContext context;

    SecretMetadataGet(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        if (version < 0) {
            throw new UsageException("invalid version " + version + " (expected 0 or more)");
        }
        SecretMetadataResponse m = context.client().secretMetadata(SecretArguments.path(path), version);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> Printer.json(out, asDocument(m), 2);
            case YAML -> Printer.yaml(out, asDocument(m));
            case HUMAN -> human(out, m);
        }
    }

    private static void human(PrintWriter out, SecretMetadataResponse m) {
        SecretMetadataContent meta = m.metadata();
        out.println();
        out.println("Metadata:");
        out.println(RULE);
        out.println("Current Version : " + meta.currentVersion());
        out.println("Oldest Version  : " + meta.oldestVersion());
        out.println("Created Time    : " + HUMAN_TIME.format(meta.createdTime()));
        out.println("Last Updated    : " + HUMAN_TIME.format(meta.updatedTime()));
        out.println("Max Versions    : " + meta.maxVersions());
        out.println(RULE);
        out.println();
        out.println("Secret Versions:");
        new TreeMap<>(m.versions()).forEach((number, v) -> {
            out.println("Version " + number + ":");
            out.println("  Created: " + HUMAN_TIME.format(v.createdTime()));
            if (v.deletedTime() != null) {
                out.println("  Deleted: " + HUMAN_TIME.format(v.deletedTime()));
            }
        });
    }

    /** The wire shape (versions keyed by number, metadata), with RFC 3339 times. */
    private static Map<String, Object> asDocument(SecretMetadataResponse m) {
        Map<String, Object> versions = new LinkedHashMap<>();
        new TreeMap<>(m.versions()).forEach((number, v) -> versions.put(number.toString(), version(v)));
        SecretMetadataContent meta = m.metadata();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("currentVersion", meta.currentVersion());
        metadata.put("oldestVersion", meta.oldestVersion());
        metadata.put("createdTime", text(meta.createdTime()));
        metadata.put("updatedTime", text(meta.updatedTime()));
        metadata.put("maxVersions", meta.maxVersions());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("versions", versions);
        doc.put("metadata", metadata);
        return doc;
    }

    private static Map<String, Object> version(SecretVersionInfo v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("createdTime", text(v.createdTime()));
        out.put("version", v.version());
        out.put("deletedTime", v.deletedTime() == null ? null : text(v.deletedTime()));
        return out;
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}
