package ist.spike.pilot.status;

import ist.spike.common.wire.operator.StatusResponse;
import ist.spike.pilot.command.ExitCodes;
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

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show Nexus's health; exit code 0 only when it is healthy.",
                "Ready or not and why, problems and warnings, keys and their rotation, keepers,",
                "audit, backups, the last recovery export. Exit code 3: Nexus answered and is",
                "not healthy. Needs the Pilot superuser role."})
final class SpikeStatus implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-f", "--format"}, defaultValue = "human", converter = Format.Converter.class,
            description = "human, json or yaml")
    Format format;

    private final PilotContext context;

    SpikeStatus(PilotContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        StatusResponse status = context.client().status();
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> Printer.json(out, status, 2);
            case YAML -> Printer.yaml(out, status);
            case HUMAN -> new StatusText(ZoneId.systemDefault()).report(status).forEach(out::println);
        }
        out.flush();
        return status.healthy() ? ExitCodes.OK : ExitCodes.UNHEALTHY;
    }
}
