package ist.spike.pilot.operator;

import ist.spike.client.SpikeClient;
import ist.spike.common.wire.operator.KeysResponse;
import ist.spike.pilot.command.CommandFailedException;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.output.Format;
import ist.spike.pilot.output.Printer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Rotate the data key, online; with --wait, follow it until it is done.",
                "A new generation seals new records at once; Nexus re-seals every older",
                "record under it in the background, then retires the old keys. While a",
                "rotation runs, this only reports it. Needs the Pilot superuser role."})
final class OperatorRotate implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;
    @Option(names = "--wait", description = "follow the rotation until it is done (exit 0) or has failed (exit 2)")
    boolean waitForIt;
    @Option(names = {"-f", "--format"}, defaultValue = "human", converter = Format.Converter.class,
            description = "human, json or yaml (with --wait: the final state only)")
    Format format;

    private final PilotContext context;

    OperatorRotate(PilotContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SpikeClient client = context.client();
        PrintWriter out = spec.commandLine().getOut();
        KeysResponse first = client.rotate();
        boolean human = format == Format.HUMAN;
        if (human && !failed(first)) {
            out.println(KeyringText.rotationStarted(first));
            if (!waitForIt && running(first)) {
                out.println("Follow it with 'spike operator keys', or wait for it with 'spike operator rotate --wait'.");
            }
        }
        KeysResponse last = waitForIt ? follow(client, first, out) : first;
        switch (format) {
            case JSON -> Printer.json(out, last, 2);
            case YAML -> Printer.yaml(out, last);
            case HUMAN -> {
                if (last != first && !failed(last)) {
                    out.println(KeyringText.done(last));
                }
            }
        }
        if (failed(last)) {
            throw new CommandFailedException(KeyringText.failure(last));
        }
        return 0;
    }

    /** Polls until the rotation is no longer running; in human format, a line each time its progress moves. */
    private KeysResponse follow(SpikeClient client, KeysResponse state, PrintWriter out) {
        String shown = null;
        while (running(state)) {
            String line = KeyringText.progress(state);
            if (format == Format.HUMAN && !line.equals(shown)) {
                out.println(line);
                shown = line;
            }
            sleep();
            state = client.keys();
        }
        return state;
    }

    /** Until it is idle or has failed; a phase this CLI does not know yet counts as running. */
    private static boolean running(KeysResponse state) {
        return !state.phase().equals("idle") && !failed(state);
    }

    private static boolean failed(KeysResponse state) {
        return state.phase().equals("failed");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while waiting for the key rotation; it goes on in Nexus");
        }
    }
}
