package ist.spike.nexus.limits;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallerRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final CallerRateLimiter limiter = new CallerRateLimiter(10, 3, nanos::get);

    @Test
    void aBurstThenTheRate() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("a"));
        }
        assertFalse(limiter.tryAcquire("a"));
        nanos.addAndGet(100_000_000); // a tenth of a second: one token at 10/s
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
    }

    @Test
    void eachCallerHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("a");
        }
        assertFalse(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("b"));
    }

    @Test
    void aQuietCallerSavesUpNoMoreThanTheBurst() {
        nanos.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("a"));
        }
        assertFalse(limiter.tryAcquire("a"));
    }

    @Test
    void manyCallersDoNotResetThoseOverTheirRate() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("greedy");
        }
        for (int i = 0; i < CallerRateLimiter.BUCKETS_LIMIT + 10; i++) {
            limiter.tryAcquire("caller-" + i);
        }
        assertFalse(limiter.tryAcquire("greedy"), "an empty bucket was forgotten");
    }

    @Test
    void zeroTurnsItOff() {
        CallerRateLimiter off = new CallerRateLimiter(0, 0, nanos::get);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(off.tryAcquire("a"));
        }
    }
}
