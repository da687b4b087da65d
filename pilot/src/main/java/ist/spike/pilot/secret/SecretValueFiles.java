package ist.spike.pilot.secret;

import ist.spike.pilot.command.UsageException;
import ist.spike.pilot.text.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Secret values given as {@code key=@FILE} or {@code key=-}: read whole, checked to be UTF-8. */
public final class SecretValueFiles {
    /** Nexus accepts request bodies up to 256 MiB at most; anything larger cannot be stored. */
    static final int MAX_VALUE_BYTES = 256 << 20;

    private SecretValueFiles() {}

    /** Whether a value names a file ({@code @FILE}) or standard input ({@code -}) rather than being the value. */
    public static boolean namesFileOrStdin(String value) {
        return value.equals("-") || value.startsWith("@");
    }

    static String file(String name, String key) {
        if (name.isEmpty()) {
            throw new UsageException("no file named after '@' for key '" + key + "'");
        }
        byte[] bytes;
        try {
            Path file = Path.of(name);
            if (Files.isRegularFile(file) && Files.size(file) > MAX_VALUE_BYTES) {
                throw new UsageException("file '" + name + "' for key '" + key + "' is larger than 256 MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read '" + name + "' for key '" + key + "': no such file");
        } catch (IOException | InvalidPathException e) {
            throw new UsageException("cannot read '" + name + "' for key '" + key + "': " + e.getMessage());
        }
        return Utf8.decode(bytes, "file '" + name + "' for key '" + key + "'");
    }

    static String stdin(InputStream stdin, String key) {
        byte[] bytes;
        try {
            bytes = stdin.readNBytes(MAX_VALUE_BYTES + 1);
        } catch (IOException e) {
            throw new UsageException("cannot read standard input for key '" + key + "': " + e.getMessage());
        }
        if (bytes.length > MAX_VALUE_BYTES) {
            throw new UsageException("standard input for key '" + key + "' is larger than 256 MiB");
        }
        return Utf8.decode(bytes, "standard input for key '" + key + "'");
    }
}
