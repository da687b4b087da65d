package ist.spike.pilot.secret;

import ist.spike.pilot.command.CommandFailedException;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import ist.spike.pilot.output.Format;
import ist.spike.pilot.output.Printer;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "get",
        description = {"Print the secret at <path> (all keys, sorted), or just the value of [key].",
                "A [key]'s value is written byte for byte (UTF-8), with a newline added only at a terminal."})
final class SecretGet implements Runnable {
    @Spec
    CommandSpec spec;
    // Not mixinStandardHelpOptions: upstream's -v/--version (a secret version) would clash with its --version.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
    @Parameters(index = "0", paramLabel = "<path>")
    String path;
    @Parameters(index = "1", arity = "0..1", paramLabel = "[key]")
    String key;
    @Option(names = {"-v", "--version"}, defaultValue = "0", description = "version to read (0 = current)")
    int version;
    @Option(names = {"-f", "--format"}, defaultValue = "human", converter = Format.Converter.class,
            description = "human, json or yaml")
    Format format;

    private final PilotContext context;

    SecretGet(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        if (version < 0) {
            throw new ist.spike.pilot.command.UsageException("invalid version " + version + " (expected 0 or more)");
        }
        Map<String, String> data = new TreeMap<>(context.client().getSecret(SecretArguments.path(path), version));
        PrintWriter out = spec.commandLine().getOut();
        if (key != null) {
            String value = data.get(key);
            if (value == null) {
                throw new CommandFailedException("Key not found.");
            }
            switch (format) {
                case JSON -> Printer.json(out, value, 4);
                case YAML -> Printer.yaml(out, value);
                case HUMAN -> raw(out, value);
            }
            return;
        }
        switch (format) {
            case JSON -> Printer.json(out, data, 4);
            case YAML -> Printer.yaml(out, data);
            case HUMAN -> data.forEach((k, v) -> out.println(k + ": " + v));
        }
    }

    /** The value exactly as stored, so {@code > file} gives back what {@code key=@file} stored (as Vault's -field). */
    private void raw(PrintWriter out, String value) {
        out.print(value);
        if (context.stdoutIsTerminal() && !value.endsWith("\n")) {
            out.println();
        }
        out.flush();
    }
}
