package ist.spike.pilot.secret;

import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.output.Format;
import ist.spike.pilot.output.Printer;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List every secret path, sorted.")
final class SecretList implements Runnable {
    @Spec
    CommandSpec spec;
    @Option(names = {"-f", "--format"}, defaultValue = "human", converter = Format.Converter.class,
            description = "human, json or yaml")
    Format format;

    private final PilotContext context;

    SecretList(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        List<String> paths = context.client().listSecrets();
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> Printer.json(out, paths, 2);
            case YAML -> Printer.yaml(out, paths);
            case HUMAN -> {
                if (paths.isEmpty()) {
                    out.println("No secrets found.");
                }
                paths.forEach(p -> out.println("- " + p));
            }
        }
    }
}
