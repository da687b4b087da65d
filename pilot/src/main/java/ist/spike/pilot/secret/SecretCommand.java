package ist.spike.pilot.secret;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "secret", mixinStandardHelpOptions = true, description = "Manage secrets.",
        subcommands = {SecretPut.class, SecretGet.class, SecretDelete.class, SecretUndelete.class,
                SecretList.class, SecretMetadataCommand.class})
public final class SecretCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
