package ist.spike.common.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes each event's message as one line on standard output, from one platform thread, many lines per
 * write. The audit log used logback's AsyncAppender in front of a ConsoleAppender, which woke its worker
 * and made one write system call for nearly every request: about a tenth of Nexus's CPU per request.
 * Here the writer, once woken, lingers a moment so the lines of concurrent requests share one write.
 *
 * <p>As before: a full queue makes callers wait (no line is ever dropped), callers never do I/O, and
 * stopping (logback's shutdown hook) writes out everything queued. A line reaches stdout at most
 * {@link #LINGER_NANOS} plus one write after its request.
 */
public final class AuditAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int MAX_BATCH = 1024;
    private static final Object STOP = new Object();
    private static final byte[] NEWLINE = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

    private final PrintStream fixedOut;
    private PrintStream out;
    private int queueSize = 8192;
    private BlockingQueue<Object> queue;
    private Thread writer;

    /** Writes to {@code System.out} as it is when the appender starts. */
    public AuditAppender() {
        this(null);
    }

    AuditAppender(PrintStream out) {
        this.fixedOut = out;
    }

    /** Lines that may wait to be written before callers wait. */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (queueSize < 1) {
            addError("queueSize must be at least 1");
            return;
        }
        out = fixedOut != null ? fixedOut : System.out;
        queue = new ArrayBlockingQueue<>(queueSize);
        writer = Thread.ofPlatform().name("spike-audit-writer").daemon(true).unstarted(this::writeLoop);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        put(event.getFormattedMessage());
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop(); // no new lines from here on
        put(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for room however often it is interrupted (the line must not be lost), then keeps the interrupt. */
    private void put(Object line) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(line);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread on purpose; STOP ends it
            }
            if (queue.isEmpty()) {
                // Producers do not signal while this thread is not waiting on the queue: lingering
                // saves a wake-up and a write per request on a busy server.
                LockSupport.parkNanos(LINGER_NANOS);
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            for (Object line : batch) {
                if (line == STOP) {
                    stopping = true; // STOP is always last
                } else {
                    bytes.writeBytes(((String) line).getBytes(StandardCharsets.UTF_8));
                    bytes.writeBytes(NEWLINE);
                }
            }
            batch.clear();
            // PrintStream is synchronized, and logback's console appender writes through the same
            // System.out, so other log lines never land inside this write.
            try {
                bytes.writeTo(out);
            } catch (IOException e) {
                throw new AssertionError("a PrintStream does not throw", e);
            }
            out.flush();
            bytes.reset();
        }
    }
}
