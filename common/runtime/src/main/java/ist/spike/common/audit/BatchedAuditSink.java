package ist.spike.common.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit lines written by one platform thread, many per write: callers queue their line and (fail-closed)
 * wait until the write that carried it returned, so the lines of concurrent requests share one system
 * call (group commit) while no caller is told "done" before its line is out. A write error fails every
 * caller of that write; a stuck write fails them at the timeout; the writer thread catches everything a
 * write throws and, should its loop still end, fails all queued and later lines at once and says so in
 * the system log.
 */
final class BatchedAuditSink implements AuditSink {
    private static final Logger LOG = LoggerFactory.getLogger(BatchedAuditSink.class);
    private static final int QUEUE_SIZE = 8192;
    private static final int MAX_BATCH = 1024;
    private static final Entry STOP = new Entry(null, null);

    /** One queued line and, fail-closed, the future its caller waits on. */
    private record Entry(String line, CompletableFuture<Void> done) {}

    private final WritableByteChannel out;
    /** The same channel when it is a file: a failed write is cut back from it. Null for stdout. */
    private final FileChannel file;
    private final AuditMode mode;
    private final Duration timeout;
    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
    private final Thread writer;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** A caller gave up waiting since the last write that succeeded (logged once per stuck period). */
    private final AtomicBoolean stuckReported = new AtomicBoolean();
    private volatile boolean closed;
    /** Why the writer loop ended other than by close; from then on every write fails at once. */
    private volatile Throwable death;
    /** Writer thread only: the last write failed (logged once per run of failures). */
    private boolean failing;
    /** Writer thread only: a failed write may have left part of a line, to be ended before the next. */
    private boolean partialLine;

    /** @param file {@code out} itself when it is a file this sink owns (closed with it); null for stdout */
    BatchedAuditSink(WritableByteChannel out, FileChannel file, AuditMode mode, Duration timeout) {
        this.out = out;
        this.file = file;
        this.mode = mode;
        this.timeout = timeout;
        writer = Thread.ofPlatform().name("spike-audit-writer").daemon(true).unstarted(this::writeLoop);
        writer.setUncaughtExceptionHandler((thread, e) -> died(e));
        writer.start();
    }

    @Override
    public void write(String line) throws AuditUnavailableException {
        if (closed) {
            refuse("the audit sink is closed");
            return;
        }
        if (death != null) {
            refuse("the audit writer stopped: " + death);
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Void> done = mode == AuditMode.FAIL_CLOSED ? new CompletableFuture<>() : null;
        try {
            if (!queue.offer(new Entry(line, done), timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                refuse("the audit queue stayed full for " + timeout);
                return;
            }
            if (done != null) {
                done.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse("interrupted while the audit line was written");
        } catch (TimeoutException e) {
            failed.incrementAndGet();
            if (!stuckReported.getAndSet(true)) {
                LOG.error("the audit sink did not write a line within {} (SPIKE_AUDIT_TIMEOUT): requests are "
                        + "refused until it writes again", timeout);
            }
            throw new AuditUnavailableException("the audit sink did not write the line within " + timeout);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException("the audit sink failed: " + e.getCause());
        }
    }

    @Override
    public Stats stats() {
        return new Stats(written.get(), failed.get(), queue.size());
    }

    /** Fail-closed: the caller refuses its request. Best-effort: the line is lost and counted. */
    private void refuse(String why) throws AuditUnavailableException {
        failed.incrementAndGet();
        if (mode == AuditMode.FAIL_CLOSED) {
            throw new AuditUnavailableException(why);
        }
        if (lost.getAndIncrement() == 0) {
            LOG.error("audit line lost: {} (SPIKE_AUDIT_MODE=best-effort; further losses are counted)", why);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (queue.offer(STOP, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                writer.join(timeout.toMillis() + 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.warn("closing the audit file failed: {}", e.getMessage());
            }
        }
        long lostLines = lost.get();
        if (lostLines > 0) {
            LOG.error("{} audit lines were lost (SPIKE_AUDIT_MODE=best-effort)", lostLines);
        }
    }

    private void writeLoop() {
        List<Entry> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread on purpose; STOP ends it
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            if (batch.getLast() == STOP) {
                batch.removeLast(); // STOP is always last: close() queues it once, after the last line
                stopping = true;
            }
            writeBatch(batch);
            batch.clear();
        }
    }

    /** Writes the batch in one go and tells each waiting caller how it went; throws nothing. */
    private void writeBatch(List<Entry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long sizeBefore = -1;
        ByteBuffer bytes = null;
        try {
            StringBuilder text = new StringBuilder(batch.size() * 256 + 1);
            if (partialLine) {
                text.append('\n');
            }
            for (Entry entry : batch) {
                text.append(entry.line()).append('\n');
            }
            bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            sizeBefore = file != null ? file.size() : -1;
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            partialLine = false;
            written.addAndGet(batch.size());
            for (Entry entry : batch) {
                complete(entry, null);
            }
            if (failing || stuckReported.getAndSet(false)) {
                failing = false;
                LOG.warn("the audit sink writes again");
            }
        } catch (Throwable e) { // an Error too: this thread must not end while callers wait on it
            if (bytes != null && bytes.position() > 0) {
                undoPartialWrite(sizeBefore);
            }
            failed.addAndGet(batch.size());
            for (Entry entry : batch) {
                complete(entry, e);
            }
            if (mode == AuditMode.BEST_EFFORT) {
                lost.addAndGet(batch.size());
            }
            if (!failing) {
                failing = true;
                LOG.error("the audit sink cannot write: {} ({})", e, mode == AuditMode.FAIL_CLOSED
                        ? "requests are refused until it can" : "lines are lost until it can");
            }
        }
    }

    /** A file is cut back to where the failed write began; elsewhere the fragment's line is ended next time. */
    private void undoPartialWrite(long sizeBefore) {
        if (file != null && sizeBefore >= 0) {
            try {
                file.truncate(sizeBefore);
                return;
            } catch (IOException | RuntimeException e) {
                // fall through: end the fragment's line before the next write
            }
        }
        partialLine = true;
    }

    private static void complete(Entry entry, Throwable failure) {
        if (entry.done() == null) {
            return;
        }
        if (failure == null) {
            entry.done().complete(null);
        } else {
            entry.done().completeExceptionally(failure);
        }
    }

    /** The writer loop ended by a throwable it did not catch: fail everything now and from now on. */
    private void died(Throwable e) {
        death = e;
        LOG.error("the audit writer stopped: {}; no audit line can be written from now on", e.toString());
        List<Entry> left = new ArrayList<>();
        queue.drainTo(left);
        for (Entry entry : left) {
            complete(entry, e);
        }
    }
}
