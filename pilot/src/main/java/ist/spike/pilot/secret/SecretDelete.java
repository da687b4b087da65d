package ist.spike.pilot.secret;

import ist.spike.pilot.PilotContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Soft-delete versions of the secret at <path> (they can be undeleted).")
final class SecretDelete implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "<path>")
    String path;
    @Option(names = {"-v", "--versions"}, defaultValue = "0",
            description = "comma-separated versions, e.g. 1,2,3 (0 = current)")
    String versions;

    private final PilotContext context;

    SecretDelete(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        var list = SecretArguments.versions(versions);
        context.client().deleteSecret(SecretArguments.path(path), list);
        spec.commandLine().getOut().println("OK");
    }
}
