package ist.spike.pilot.text;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and error in UTF-8. The JVM encodes them in the locale's charset, which is ASCII when
 * no locale is set: a stored value would print with a {@code ?} for each non-ASCII character.
 */
public final class Utf8Console {
    private Utf8Console() {}

    /** Replaces {@link System#out} (buffered: flush before exit) and {@link System#err} (flushed per line). */
    public static void install() {
        System.setOut(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false,
                StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }
}
