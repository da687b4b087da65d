package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.shamir.Share;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every keeper holding its shard: pushes right after the key is set and then every interval, so
 * a restarted keeper is re-hydrated within one interval. Each keeper is pushed on its own virtual
 * thread, so one slow keeper does not delay the others; failures are logged and retried next round.
 */
public final class KeeperSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeeperSync.class);

    private final KeeperPeers keepers;
    private final int threshold;
    private final Duration interval;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("keeper-sync").factory());
    private final boolean[] lastPushFailed;
    private final AtomicLongArray lastPushMillis;
    private final AtomicLongArray pushFailures;
    /** 1 when the last push to the slot succeeded: it holds the shard of the key Nexus holds. */
    private final AtomicIntegerArray holdsShard;
    private volatile BiConsumer<SecretBytes, Integer> onRound = (key, held) -> {};

    public KeeperSync(KeeperPeers keepers, int threshold, Duration interval) {
        this.keepers = keepers;
        this.threshold = threshold;
        this.interval = interval;
        this.lastPushFailed = new boolean[keepers.ids().size() + 1];
        this.lastPushMillis = new AtomicLongArray(keepers.ids().size() + 1);
        this.pushFailures = new AtomicLongArray(keepers.ids().size() + 1);
        this.holdsShard = new AtomicIntegerArray(keepers.ids().size() + 1);
    }

    /**
     * What Nexus knows of one keeper slot from its pushes (for the metrics and {@code spike status}).
     *
     * @param lastPush null until a push succeeded
     */
    public record Slot(int id, String address, boolean holdsShard, Instant lastPush, long failures) {}

    public List<Slot> slots() {
        List<Slot> slots = new java.util.ArrayList<>();
        for (int id : keepers.ids()) {
            long last = lastPushMillis.get(id);
            slots.add(new Slot(id, keepers.describe(id), holdsShard.get(id) == 1,
                    last == 0 ? null : Instant.ofEpochMilli(last), pushFailures.get(id)));
        }
        return slots;
    }

    public Duration interval() {
        return interval;
    }

    /** Starts pushing shards of the root key {@code current} holds now and every interval. */
    public void start(Supplier<SecretBytes> current) {
        ticker.scheduleWithFixedDelay(() -> {
            SecretBytes key = current.get();
            try {
                onRound.accept(key, pushAll(key));
            } catch (RuntimeException e) {
                LOG.warn("keeper sync round failed: {}", e.getMessage()); // a rekey replaced the key mid-round
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Called after each scheduled round with the key pushed and how many keepers took their shard. */
    public void onRound(BiConsumer<SecretBytes, Integer> listener) {
        onRound = listener;
    }

    public int keeperCount() {
        return keepers.ids().size();
    }

    /**
     * Pushes every keeper its shard now and waits for all of them (bounded by the HTTP client's timeouts).
     *
     * @return how many keepers took their shard
     */
    public int pushAll(SecretBytes rootKey) {
        List<Share> shares = Shamir.split(rootKey, threshold, keepers.ids().size());
        AtomicInteger held = new AtomicInteger();
        try (var perKeeper = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Share share : shares) {
                perKeeper.submit(() -> {
                    if (push(share)) {
                        held.incrementAndGet();
                    }
                });
            }
        } finally {
            shares.forEach(Share::destroy);
        }
        return held.get();
    }

    private boolean push(Share share) {
        int id = share.id();
        byte[] value = share.value();
        try {
            keepers.contribute(id, value);
            lastPushMillis.set(id, System.currentTimeMillis());
            holdsShard.set(id, 1);
            if (lastPushFailed[id]) {
                LOG.info("keeper {} ({}) holds its shard again", id, keepers.describe(id));
            }
            lastPushFailed[id] = false;
            return true;
        } catch (IOException e) {
            pushFailures.incrementAndGet(id);
            holdsShard.set(id, 0);
            if (!lastPushFailed[id]) {
                LOG.warn("could not push shard to keeper {} ({}): {}; retrying every {}", id, keepers.describe(id),
                        e.getMessage(), interval);
            }
            lastPushFailed[id] = true;
            return false;
        } finally {
            java.util.Arrays.fill(value, (byte) 0);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
