package ist.spike.pilot.operator;

import ist.spike.common.shamir.Share;
import ist.spike.common.shamir.ShareFormat;
import ist.spike.common.wire.Shard;
import ist.spike.common.wire.operator.RestoreResponse;
import ist.spike.pilot.command.CommandFailedException;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Feed one recovery shard (spike:<id>:<hex>) to a Nexus that lost its root key.",
                "Typed at a terminal the input is hidden; otherwise it is read from stdin,",
                "e.g. 'spike operator restore < spike.recovery.1.txt'. Needs the Pilot restore role."})
final class OperatorRestore implements Callable<Integer> {
    private static final int MAX_INPUT = 4096;

    @Spec
    CommandSpec spec;

    private final PilotContext context;

    OperatorRestore(PilotContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        char[] input = readShardText(out);
        Share share;
        try {
            share = ShareFormat.parse(CharBuffer.wrap(input));
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a recovery shard (expected spike:<id>:<64 hex digits>)");
        } finally {
            Arrays.fill(input, '\0');
        }
        byte[] value = share.value();
        Shard shard = Shard.copyOf(value);
        Arrays.fill(value, (byte) 0);
        RestoreResponse status;
        try {
            status = context.client().restoreShard(share.id(), shard);
        } catch (ist.spike.client.SpikeException.BadRequestException e) {
            throw new ist.spike.pilot.command.CommandFailedException("SPIKE Nexus refused the shard: it already has its root "
                    + "key, or the shards do not rebuild this store's key (collected shards were discarded).");
        } finally {
            share.destroy();
            shard.destroy();
        }
        if (status.restored()) {
            out.println("SPIKE is now restored and ready to use.");
        } else {
            out.println(" Shards collected:  " + status.collected());
            out.println(" Shards remaining:  " + status.remaining());
            out.println("Run 'spike operator restore' again to provide the remaining shards.");
        }
        return 0;
    }

    /** Hidden prompt at a terminal; otherwise at most 4 KiB from stdin, trimmed. */
    private static char[] readShardText(PrintWriter out) throws IOException {
        Console console = System.console();
        if (isTerminal(console)) {
            out.println("(your input will be hidden as you paste/type it)");
            out.flush();
            char[] typed = console.readPassword("Enter recovery shard: ");
            if (typed == null) {
                throw new UsageException("no shard given");
            }
            return trim(typed);
        }
        byte[] raw = System.in.readNBytes(MAX_INPUT + 1);
        try {
            if (raw.length > MAX_INPUT) {
                throw new UsageException("input too long for a recovery shard");
            }
            CharBuffer decoded = StandardCharsets.US_ASCII.decode(java.nio.ByteBuffer.wrap(raw));
            char[] text = new char[decoded.remaining()];
            decoded.get(text);
            Arrays.fill(decoded.array(), '\0');
            char[] trimmed = trim(text);
            if (trimmed.length == 0) {
                throw new UsageException("no shard given on stdin");
            }
            return trimmed;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Console.isTerminal() exists from JDK 22; on 21 a non-null console means a terminal. */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static char[] trim(char[] text) {
        int start = 0;
        int end = text.length;
        while (start < end && (Character.isWhitespace(text[start]) || text[start] == '\0')) {
            start++;
        }
        while (end > start && (Character.isWhitespace(text[end - 1]) || text[end - 1] == '\0')) {
            end--;
        }
        char[] out = Arrays.copyOfRange(text, start, end);
        Arrays.fill(text, '\0');
        return out;
    }
}
