package ist.spike.pilot.cipher;

import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/** Where the cipher commands read from and write to: a file, or standard input and output. */
final class CipherIo {
    private CipherIo() {}

    /** The whole of {@code file}, or of stdin when it is null or "-". */
    static byte[] read(PilotContext context, Path file) throws IOException {
        if (file == null || file.toString().equals("-")) {
            return context.stdin().readAllBytes();
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("input file " + file + " does not exist");
        }
    }

    /**
     * Writes {@code data} to {@code file}, or to stdout. A new file is created readable by its owner
     * only: a decrypted result is as secret as what was encrypted.
     */
    static void write(PilotContext context, PrintWriter text, Path file, byte[] data) throws IOException {
        if (file == null || file.toString().equals("-")) {
            text.flush();
            OutputStream out = context.stdout();
            out.write(data);
            out.flush();
            return;
        }
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the default permissions apply
            }
        }
        Files.write(file, data);
    }

    static byte[] base64(String option, String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " is not valid base64");
        }
    }
}
