package ist.spike.pilot.text;

import ist.spike.pilot.command.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The program's arguments decoded from the bytes the kernel holds for them, as UTF-8.
 *
 * <p>The JVM decodes {@code argv} in the locale's encoding, which is ASCII when no locale is set (cron,
 * systemd units, {@code env -i}, most container images): every non-ASCII character becomes U+FFFD, and
 * invalid bytes do so in any locale. {@code /proc/self/cmdline} still has the bytes as given.
 */
public final class CommandLineBytes {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private CommandLineBytes() {}

    /**
     * {@code jvmArgs} (what {@code main} received) decoded again from the process's command line.
     *
     * @throws ist.spike.pilot.command.UsageException naming the first argument that is not valid UTF-8
     */
    public static String[] decode(String[] jvmArgs) {
        List<byte[]> raw = trailing(jvmArgs.length);
        if (raw == null) {
            return jvmArgs;
        }
        for (int i = 0; i < jvmArgs.length; i++) {
            if (!sameWhereAscii(jvmArgs[i], new String(raw.get(i), StandardCharsets.UTF_8))) {
                return jvmArgs; // not this process's arguments after all (an embedding launcher)
            }
        }
        String[] args = new String[jvmArgs.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = Utf8.decode(raw.get(i), "argument " + (i + 1));
        }
        return args;
    }

    /** The last {@code count} entries of the command line, or null if it cannot be read. */
    private static List<byte[]> trailing(int count) {
        List<byte[]> entries = entries();
        if (entries == null || entries.size() < count) {
            return null;
        }
        return entries.subList(entries.size() - count, entries.size());
    }

    /** Every entry of this process's command line (the java executable first), or null if it cannot be read. */
    public static List<byte[]> entries() {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(CMDLINE);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        return entries;
    }

    /** Whether the JVM's decoding and ours have the same ASCII characters in the same order. */
    private static boolean sameWhereAscii(String jvm, String exact) {
        return ascii(jvm).equals(ascii(exact));
    }

    private static String ascii(String text) {
        StringBuilder ascii = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < 0x80) {
                ascii.append(text.charAt(i));
            }
        }
        return ascii.toString();
    }
}
