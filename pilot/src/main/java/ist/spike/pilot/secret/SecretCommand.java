package ist.spike.pilot.secret;

import static ist.spike.pilot.CommandNode.command;

import ist.spike.pilot.CommandNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "secret", mixinStandardHelpOptions = true, description = "Manage secrets.")
public final class SecretCommand implements Runnable {
    /** This group and its commands, in the order usage lists them. */
    public static final CommandNode NODE = command("secret", c -> new SecretCommand(),
            command("put", SecretPut::new), command("get", SecretGet::new), command("delete", SecretDelete::new),
            command("undelete", SecretUndelete::new), command("list", SecretList::new),
            command("metadata", c -> new SecretMetadataCommand(), command("get", SecretMetadataGet::new)));

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
