package ist.spike.pilot.operator;

import ist.spike.common.shamir.Share;
import ist.spike.common.shamir.ShareFormat;
import ist.spike.common.wire.Shard;
import ist.spike.pilot.command.CommandFailedException;
import ist.spike.pilot.command.PilotContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Export every shard of the root key as files spike.recovery.<id>.txt (mode 0600)",
                "under SPIKE_PILOT_RECOVERY_DIR (default ~/.spike/recover). Needs the Pilot recover role."})
final class OperatorRecover implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final PilotContext context;

    OperatorRecover(PilotContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        Path dir = RecoveryDirectory.resolve(context.env());
        Map<Integer, Shard> shards = context.client().recoverShards();
        if (shards == null || shards.isEmpty()) {
            throw new CommandFailedException("SPIKE Nexus returned no shards.");
        }
        RecoveryDirectory.create(dir);
        deleteOldFiles(dir);
        for (Map.Entry<Integer, Shard> entry : shards.entrySet()) {
            write(dir, entry.getKey(), entry.getValue());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Recovery shards written to " + dir + " (" + shards.size() + " files, mode 0600).");
        out.println();
        out.println("  Move them now to safe, encrypted, separate places (for example, one per custodian),");
        out.println("  then securely erase them from this machine. Any threshold of them can rebuild the");
        out.println("  root key with 'spike operator restore'; whoever holds them holds every secret.");
        return 0;
    }

    private static void deleteOldFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "spike.recovery*.txt")) {
            for (Path file : old) {
                Files.delete(file);
            }
        }
    }

    /** Writes spike:<id>:<hex> with no trailing newline, created 0600 before any byte is written. */
    private static void write(Path dir, int id, Shard shard) throws IOException {
        byte[] value = shard.copyBytes();
        Share share = new Share(id, value);
        Arrays.fill(value, (byte) 0);
        shard.destroy();
        Path file = dir.resolve("spike.recovery." + id + ".txt");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        byte[] text = ShareFormat.format(share).getBytes(StandardCharsets.US_ASCII);
        share.destroy();
        try {
            Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }
}
