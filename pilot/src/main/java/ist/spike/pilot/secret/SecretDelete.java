package ist.spike.pilot.secret;

import ist.spike.client.SpikeClient;
import ist.spike.pilot.command.PilotContext;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Soft-delete versions of the secret at <path> (they can be undeleted).")
final class SecretDelete extends SecretVersionsCommand {
    SecretDelete(PilotContext context) {
        super(context);
    }

    @Override
    void apply(SpikeClient client, String path, List<Integer> versions) {
        client.deleteSecret(path, versions);
    }
}
