package ist.spike.nexus.operator;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What became of the backups Nexus made since it started: snapshots made, failed (not made, failing the
 * integrity check, or not delivered whole), and when the last one passed its check and was delivered.
 */
public final class BackupHistory {
    private final Clock clock;
    private final AtomicLong made = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Instant> lastVerified = new AtomicReference<>();
    private final AtomicReference<Instant> lastDelivered = new AtomicReference<>();

    public BackupHistory(Clock clock) {
        this.clock = clock;
    }

    /** Counts, and last times (null: not since start). */
    public record Facts(long made, long failed, Instant lastVerified, Instant lastDelivered) {}

    public Facts facts() {
        return new Facts(made.get(), failed.get(), lastVerified.get(), lastDelivered.get());
    }

    /** A snapshot that could not be made or failed its check. */
    public void failed() {
        failed.incrementAndGet();
    }

    /**
     * A snapshot made and checked: its stream, which records the delivery when it is closed after
     * {@code length} bytes were read, and a failure when it is closed short.
     */
    public InputStream verified(InputStream content, long length) {
        made.incrementAndGet();
        lastVerified.set(clock.instant());
        return new FilterInputStream(content) {
            private long read;
            private boolean closed;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    read++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                int n = super.read(buffer, offset, count);
                if (n > 0) {
                    read += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    if (read == length) {
                        lastDelivered.set(clock.instant());
                    } else {
                        failed.incrementAndGet();
                    }
                }
                super.close();
            }
        };
    }
}
