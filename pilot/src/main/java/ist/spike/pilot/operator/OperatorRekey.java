package ist.spike.pilot.operator;

import ist.spike.common.wire.operator.RekeyResponse;
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

@Command(name = "rekey", mixinStandardHelpOptions = true,
        description = {"Rekey the root key; show how many keepers hold a shard of the new one.",
                "Nexus seals the keyring under a new root key and sends each keeper its",
                "shard of it; once every keeper holds one, the rekey is complete and",
                "recovery shards exported before it no longer work: export new ones with",
                "'spike operator recover'. While a rekey is under way, this pushes its",
                "shards again and reports; after, it starts a new one. Needs the Pilot",
                "superuser role."})
final class OperatorRekey implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-f", "--format"}, defaultValue = "human", converter = Format.Converter.class,
            description = "human, json or yaml")
    Format format;

    private final PilotContext context;

    OperatorRekey(PilotContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        RekeyResponse rekey = context.client().rekey();
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> Printer.json(out, rekey, 2);
            case YAML -> Printer.yaml(out, rekey);
            case HUMAN -> new RekeyText(ZoneId.systemDefault()).lines(rekey).forEach(out::println);
        }
        return 0;
    }
}
