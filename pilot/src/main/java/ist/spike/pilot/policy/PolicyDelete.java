package ist.spike.pilot.policy;

import ist.spike.client.SpikeException;
import ist.spike.pilot.command.CommandFailedException;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a policy, after asking for confirmation on stdin.",
                "Scripts: pass --yes (without it and without an answer on stdin, nothing is deleted)."})
final class PolicyDelete implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", arity = "0..1", paramLabel = "[name]")
    String argument;
    @Option(names = "--name", description = "policy name (instead of the argument)")
    String option;
    @Option(names = {"-y", "--yes"}, description = "do not ask for confirmation")
    boolean yes;

    private final PilotContext context;

    PolicyDelete(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        String name = PolicyName.of(argument, option);
        PrintWriter out = spec.commandLine().getOut();
        PolicyName.existing(context.client(), name);
        if (!yes) {
            out.print("Are you sure you want to delete policy '" + name + "'? (y/N): ");
            out.flush();
            String answer = readAnswer();
            if (answer == null) {
                out.println();
                throw new UsageException("no answer on stdin; nothing deleted (use --yes in scripts)");
            }
            if (!answer.trim().equals("y") && !answer.trim().equals("Y")) {
                out.println("Operation canceled.");
                return;
            }
        }
        try {
            context.client().deletePolicy(name);
        } catch (SpikeException.NotFoundException e) {
            throw new CommandFailedException("Policy '" + name + "' not found.");
        }
        out.println("Policy deleted successfully.");
    }

    /** One line from stdin; null at end of input. Not closed: stdin belongs to the process. */
    private String readAnswer() {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8));
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
