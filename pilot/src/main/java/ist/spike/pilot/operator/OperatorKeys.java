package ist.spike.pilot.operator;

import ist.spike.common.wire.operator.KeysResponse;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.output.Format;
import ist.spike.pilot.output.Printer;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Show the keyring: data-key generations, root epoch, rotation progress.",
                "No key material. Needs the Pilot superuser role."})
final class OperatorKeys implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-f", "--format"}, defaultValue = "human", converter = Format.Converter.class,
            description = "human, json or yaml")
    Format format;

    private final PilotContext context;

    OperatorKeys(PilotContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        KeysResponse keys = context.client().keys();
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> Printer.json(out, keys, 2);
            case YAML -> Printer.yaml(out, keys);
            case HUMAN -> new KeyringText(ZoneId.systemDefault()).keyring(keys).forEach(out::println);
        }
        return 0;
    }
}
