package ist.spike.pilot.secret;

import ist.spike.pilot.PilotContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "undelete", mixinStandardHelpOptions = true,
        description = "Bring back soft-deleted versions of the secret at <path>.")
final class SecretUndelete implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "<path>")
    String path;
    @Option(names = {"-v", "--versions"}, defaultValue = "0",
            description = "comma-separated versions, e.g. 1,2,3 (0 = current)")
    String versions;

    private final PilotContext context;

    SecretUndelete(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        var list = SecretArguments.versions(versions);
        context.client().undeleteSecret(SecretArguments.path(path), list);
        spec.commandLine().getOut().println("OK");
    }
}
