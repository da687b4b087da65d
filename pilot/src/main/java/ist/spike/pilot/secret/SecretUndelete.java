package ist.spike.pilot.secret;

import ist.spike.client.SpikeClient;
import ist.spike.pilot.command.PilotContext;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "undelete", mixinStandardHelpOptions = true,
        description = "Bring back soft-deleted versions of the secret at <path> (default: the last deleted one).")
final class SecretUndelete extends SecretVersionsCommand {
    SecretUndelete(PilotContext context) {
        super(context);
    }

    @Override
    void apply(SpikeClient client, String path, List<Integer> versions) {
        client.undeleteSecret(path, versions);
    }
}
