package ist.spike.pilot.secret;

import static ist.spike.pilot.CommandNode.command;

import ist.spike.pilot.CommandNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "secret", mixinStandardHelpOptions = true, description = "Manage secrets.")
public final class SecretCommand implements Runnable {
    /** This group and its commands, in the order usage lists them. */
    public static final CommandNode NODE = command(c -> new SecretCommand(),
            command(SecretPut::new), command(SecretGet::new), command(SecretDelete::new),
            command(SecretUndelete::new), command(SecretList::new),
            command(c -> new SecretMetadataCommand(), command(SecretMetadataGet::new)));

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
