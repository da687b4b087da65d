package ist.spike.common.audit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Where a server's audit lines go: one complete JSON object per line, on a channel of its own (a file,
 * or stdout while the system log goes to stderr). In fail-closed mode {@link #write} returns only once
 * the line was handed to the operating system without error, and throws otherwise; callers refuse the
 * request it describes.
 */
public interface AuditSink extends AutoCloseable {
    /** Writes {@code line} (one JSON object, no line break) or throws; never blocks past the timeout. */
    void write(String line) throws AuditUnavailableException;

    /** Lines written, lines that could not be written (refused, timed out, failed), lines queued now. */
    record Stats(long written, long failed, long queued) {}

    /** What this sink did so far (for the metrics and {@code spike status}). */
    default Stats stats() {
        return new Stats(0, 0, 0);
    }

    /** Writes out what is queued and stops; later writes fail. */
    @Override
    void close();

    /** The sink the settings name, opened now (a file that cannot be opened stops the program). */
    static AuditSink open(AuditSettings settings, String program) {
        if (settings.off()) {
            LoggerFactory.getLogger(AuditSink.class).warn("SPIKE_AUDIT_SINK=off: {} writes no audit trail; "
                    + "nothing records who read or changed what. Never run it like this in production.", program);
            return Off.INSTANCE;
        }
        if (settings.file() == null) {
            // Channels of System.out would let a PrintStream swallow errors; this one throws them.
            FileChannel stdout = new FileOutputStream(FileDescriptor.out).getChannel();
            return new BatchedAuditSink(stdout, null, settings.mode(), settings.timeout());
        }
        try {
            FileChannel file = FileChannel.open(settings.file(),
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return new BatchedAuditSink(file, file, settings.mode(), settings.timeout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit file " + settings.file() + " (SPIKE_AUDIT_SINK): "
                    + e.getMessage(), e);
        }
    }

    /** SPIKE_AUDIT_SINK=off: nothing is written (a warning at start says so). */
    enum Off implements AuditSink {
        INSTANCE;

        @Override
        public void write(String line) {}

        @Override
        public void close() {}
    }
}
