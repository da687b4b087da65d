package ist.spike.pilot.operator;

import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Download a consistent online snapshot of Nexus's database to FILE (mode 0600).",
                "It holds only ciphertext; restoring it needs the same root key (the keepers' shards",
                "or the recovery files). Needs the Pilot superuser role and the SQLite backend."})
final class OperatorBackup implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    // Not picocli-required: that would also demand it of 'backup verify'.
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write the backup (required)")
    Path output;
    @Option(names = "--force", description = "replace FILE if it exists")
    boolean force;

    private final PilotContext context;

    OperatorBackup(PilotContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (output == null) {
            throw new UsageException("missing -o FILE: where to write the backup");
        }
        Path target = output.toAbsolutePath();
        if (Files.exists(target) && !force) {
            throw new UsageException(target + " exists; use --force to replace it");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                context.client().backup(out);
                out.flush();
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        spec.commandLine().getOut().println("Backup written to " + target + " (" + Files.size(target) + " bytes). "
                + "Check it with 'spike operator backup verify " + target + "'.");
        return 0;
    }
}
