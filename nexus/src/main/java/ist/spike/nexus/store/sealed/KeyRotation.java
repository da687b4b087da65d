package ist.spike.nexus.store.sealed;

import ist.spike.nexus.config.KeyRotationSettings;
import ist.spike.nexus.keyring.KeyPurpose;
import ist.spike.nexus.keyring.Keyring;
import ist.spike.nexus.store.StoreException;
import ist.spike.nexus.store.records.RecordKey;
import ist.spike.nexus.store.records.RecordReader.Stored;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-key rotation, online: a new generation becomes active at once (new records are sealed under it),
 * then a background task re-seals every older record in bounded batches, each one write transaction
 * queued with the requests' writes; a verification pass opens every record under the new generation, and
 * only then are the old storage keys retired (destroyed). A failure at any point keeps the old keys, so
 * nothing becomes unreadable; a crash resumes the rotation at the next start.
 */
public final class KeyRotation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);
    private static final Duration SCHEDULE_CHECK = Duration.ofMinutes(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /** What a rotation is doing. */
    public enum Phase { IDLE, RESEALING, VERIFYING, FAILED }

    /** A snapshot for the CLI, logs and (later) metrics; holds no key material. */
    public record Status(Phase phase, Keyring keyring, long resealed, long verified, long failedRecords,
            long encryptions, long maxEncryptions, Instant nextScheduled, String lastError) {}

    private final SealedBackend backend;
    private final Clock clock;
    private final KeyRotationSettings settings;
    private final ScheduledExecutorService schedule =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("key-rotation-schedule").factory());
    private final AtomicLong resealed = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong failedRecords = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean limitRotationQueued =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong completedRotations = new AtomicLong();
    private final AtomicLong failedRotations = new AtomicLong();
    private volatile Phase phase = Phase.IDLE;
    private volatile String lastError;
    private Thread worker; // guarded by this

    public KeyRotation(SealedBackend backend, Clock clock, KeyRotationSettings settings) {
        this.backend = backend;
        this.clock = clock;
        this.settings = settings;
        // Called while a record is sealed, possibly on the store's writer thread: rotate from another thread.
        backend.onLimitReached(() -> {
            if (!limitRotationQueued.compareAndSet(false, true)) {
                return;
            }
            Thread.ofVirtual().name("key-rotation-limit").start(() -> {
                try {
                    if (!running()) {
                        LOG.warn("the active key generation reached its encryption limit ({}); rotating",
                                settings.maxEncryptions());
                        rotate();
                    }
                } catch (RuntimeException e) {
                    LOG.error("could not start the rotation at the encryption limit: {}", e.getMessage());
                } finally {
                    limitRotationQueued.set(false);
                }
            });
        });
    }

    /** Resumes an interrupted rotation now and checks the schedule every minute. */
    public void start() {
        if (backend.keyring().keyring().rotationPending()) {
            LOG.info("resuming the key rotation that was under way when Nexus stopped");
            resume();
        }
        schedule.scheduleWithFixedDelay(this::checkSchedule, SCHEDULE_CHECK.toMillis(), SCHEDULE_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Makes a new generation active and re-seals everything under it in the background. While a
     * rotation runs, asking again only reports its status.
     */
    public synchronized Status rotate() {
        if (running()) {
            return status();
        }
        if (backend.keyring().keyring().rotationPending()) {
            LOG.info("key rotation: resuming the unfinished rotation instead of starting another");
            return resume();
        }
        Keyring next = backend.updateKeyring(k -> k.rotated(clock.instant()));
        LOG.info("key rotation: generation {} is active; re-sealing every record of generation(s) {} in the "
                + "background", next.active(KeyPurpose.STORAGE).generation(), next.storageGenerationsToRetire());
        return resume();
    }

    private synchronized Status resume() {
        if (!running()) {
            resealed.set(0);
            verified.set(0);
            failedRecords.set(0);
            lastError = null;
            phase = Phase.RESEALING;
            worker = Thread.ofVirtual().name("key-rotation").start(this::run);
        }
        return status();
    }

    private synchronized boolean running() {
        return worker != null && worker.isAlive();
    }

    public Status status() {
        Keyring k = backend.keyring().keyring();
        return new Status(phase, k, resealed.get(), verified.get(), failedRecords.get(),
                backend.keyring().used(KeyPurpose.STORAGE), settings.maxEncryptions(), nextScheduled(k), lastError);
    }

    /** Rotations this process completed and saw fail (counters for the metrics). */
    public long completed() {
        return completedRotations.get();
    }

    public long failed() {
        return failedRotations.get();
    }

    /** When the schedule will rotate next, or null when the schedule is off. */
    private Instant nextScheduled(Keyring k) {
        if (settings.interval().isZero()) {
            return null;
        }
        return k.active(KeyPurpose.STORAGE).createdTime().plus(settings.interval());
    }

    private void checkSchedule() {
        try {
            Instant due = nextScheduled(backend.keyring().keyring());
            if (due != null && !clock.instant().isBefore(due) && !running()) {
                LOG.info("scheduled key rotation (SPIKE_NEXUS_KEY_ROTATION_INTERVAL={})", settings.interval());
                rotate();
            } else if (backend.keyring().keyring().rotationPending() && !running() && phase != Phase.FAILED) {
                resume();
            }
        } catch (RuntimeException e) {
            LOG.error("key rotation schedule check failed: {}", e.getMessage());
        }
    }

    private void run() {
        try {
            Keyring k = backend.keyring().keyring();
            int active = k.active(KeyPurpose.STORAGE).generation();
            List<Integer> retiring = k.storageGenerationsToRetire();
            resealAll(active);
            phase = Phase.VERIFYING;
            long stale = verifyAll(active);
            if (failedRecords.get() > 0 || stale > 0) {
                fail(failedRecords.get() + " records could not be opened and " + stale + " are still under an older "
                        + "generation; the old keys are kept, nothing was destroyed");
                return;
            }
            backend.updateKeyring(current -> current.retiredStorage(retiring));
            phase = Phase.IDLE;
            completedRotations.incrementAndGet();
            LOG.info("key rotation complete: {} records re-sealed and {} verified under generation {}; storage "
                    + "generation(s) {} retired and destroyed", resealed.get(), verified.get(), active, retiring);
        } catch (StoreException | IllegalStateException e) {
            fail(e.getMessage() + "; the old keys are kept and the rotation resumes at the next check");
        }
    }

    private void fail(String message) {
        lastError = message;
        phase = Phase.FAILED;
        failedRotations.incrementAndGet();
        LOG.error("key rotation FAILED: {}", message);
    }

    /** Walks every record once, re-sealing those of older generations, one batch per write transaction. */
    private void resealAll(int active) {
        RecordKey after = null;
        long nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (true) {
            if (System.nanoTime() > nextReport) {
                LOG.info("key rotation: {} records re-sealed under generation {} so far", resealed.get(), active);
                nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            RecordKey from = after;
            List<Stored> batch = backend.records().write(w -> {
                List<Stored> rows = w.scan(from, settings.batchSize());
                for (Stored row : rows) {
                    if (row.sealed().generation() == active) {
                        continue;
                    }
                    try {
                        RowPlace place = RecordSealer.placeOf(row.key());
                        byte[] plain = backend.sealer().open(row.sealed(), place);
                        try {
                            w.put(row.key(), backend.sealer().seal(plain, place));
                        } finally {
                            java.util.Arrays.fill(plain, (byte) 0);
                        }
                        resealed.incrementAndGet();
                    } catch (ist.spike.nexus.store.StoreIntegrityException e) {
                        failedRecords.incrementAndGet(); // already logged; keep going
                    }
                }
                return rows;
            });
            if (batch.isEmpty()) {
                return;
            }
            after = batch.get(batch.size() - 1).key();
            if (batch.size() < settings.batchSize()) {
                return;
            }
        }
    }

    /** Opens every record; returns how many are not under {@code active}. */
    private long verifyAll(int active) {
        long stale = 0;
        RecordKey after = null;
        while (true) {
            RecordKey from = after;
            List<Stored> batch = backend.records().read(r -> r.scan(from, settings.batchSize()));
            for (Stored row : batch) {
                if (row.sealed().generation() != active) {
                    stale++;
                    continue;
                }
                try {
                    java.util.Arrays.fill(backend.sealer().open(row.sealed(), RecordSealer.placeOf(row.key())), (byte) 0);
                    verified.incrementAndGet();
                } catch (ist.spike.nexus.store.StoreIntegrityException e) {
                    failedRecords.incrementAndGet();
                }
            }
            if (batch.size() < settings.batchSize()) {
                return stale;
            }
            after = batch.get(batch.size() - 1).key();
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        Thread w;
        synchronized (this) {
            w = worker;
        }
        if (w != null) {
            w.interrupt();
        }
    }
}
