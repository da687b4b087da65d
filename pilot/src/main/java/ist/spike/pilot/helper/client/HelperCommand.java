package ist.spike.pilot.helper.client;

import static ist.spike.pilot.command.CommandNode.command;
import static ist.spike.pilot.command.CommandNode.group;

import ist.spike.pilot.command.CommandFailedException;
import ist.spike.pilot.command.CommandNode;
import ist.spike.pilot.command.ExitCodes;
import ist.spike.pilot.command.PilotContext;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spike helper}: the warm helper, started and stopped on request, as ssh-agent is. */
public final class HelperCommand {
    public static final CommandNode NODE = group("helper", new String[] {
                "A warm background process that answers this user's secret and policy commands faster.",
                "It holds this configuration's SVID until it stops: start it only where that is fine."},
            command("start", Start::new), command("stop", Stop::new), command("status", Status::new));

    private HelperCommand() {}

    @Command(name = "start", mixinStandardHelpOptions = true, description = {
            "Start the helper for this user and configuration (SPIKE_*, SPIFFE_* variables), unless one runs.",
            "It stops after SPIKE_PILOT_HELPER_IDLE_TIMEOUT (default 10m) without a command."})
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        private final PilotContext context;

        Start(PilotContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            // Fetching the identity and reaching Nexus here gives their errors the usual one line.
            context.client();
            HelperControl.Running running;
            try {
                running = HelperControl.start(context.env());
            } catch (HelperControl.StartFailedException e) {
                throw new CommandFailedException("the spike helper did not start: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("spike helper running (pid " + running.pid() + ", socket " + running.socket() + ")");
            warnings(spec.commandLine().getErr(), running.status());
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the helper for this user and configuration, if one runs.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        private final PilotContext context;

        Stop(PilotContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            HelperControl.stop(context.env()).ifPresentOrElse(
                    stopped -> out.println("spike helper stopped (pid " + stopped.pid() + ")"),
                    () -> out.println("no spike helper runs for this configuration"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = {
            "Whether a helper runs for this user and configuration, and how its memory is protected.",
            "Exit code 0 when one runs, 2 when none does."})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        private final PilotContext context;

        Status(PilotContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            var found = HelperControl.find(context.env());
            if (found.isEmpty()) {
                out.println("no spike helper runs for this configuration");
                return ExitCodes.FAILED;
            }
            HelperControl.Running running = found.get();
            out.println("spike helper running");
            out.println("  pid:          " + running.pid());
            out.println("  socket:       " + running.socket());
            out.println("  idle timeout: " + running.status().idleTimeout());
            out.println("  memory:       " + running.status().memoryLock());
            out.println("  core dumps:   " + running.status().coreDumps());
            warnings(spec.commandLine().getErr(), running.status());
            return ExitCodes.OK;
        }
    }

    /** What the helper could not protect, said where the operator sees it. */
    static void warnings(PrintWriter err, ist.spike.pilot.helper.HelperProtocol.Status status) {
        if (!status.memoryLock().equals("locked")) {
            err.println("Warning: the helper's memory is not locked, so secrets could be swapped to disk ("
                    + status.memoryLock().substring("no: ".length()) + ")");
        }
        if (!status.coreDumps().equals("disabled")) {
            err.println("Warning: the helper's core dumps are not disabled ("
                    + status.coreDumps().substring("no: ".length()) + ")");
        }
    }
}
