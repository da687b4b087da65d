package ist.spike.nexus.store.sqlite;

import java.time.Instant;

/** Instants as one INTEGER column: nanoseconds since the epoch (good for 1677 to 2262). */
final class EpochNanos {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private EpochNanos() {}

    static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }

    static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }
}
