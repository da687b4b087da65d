package ist.spike.common.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogRateLimitTest {
    private final AtomicLong now = new AtomicLong();
    private final LogRateLimit limit = new LogRateLimit(Duration.ofMinutes(1), now::get);

    @Test
    void theFirstThenOncePerIntervalCountingTheRest() {
        assertTrue(limit.shouldLog());
        assertEquals(0, limit.skippedBeforeLast());
        for (int i = 0; i < 3; i++) {
            now.addAndGet(Duration.ofSeconds(10).toNanos());
            assertFalse(limit.shouldLog());
        }
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertTrue(limit.shouldLog());
        assertEquals(3, limit.skippedBeforeLast());
    }

    @Test
    void afterAResetTheNextOneIsLoggedAtOnce() {
        assertTrue(limit.shouldLog());
        assertFalse(limit.shouldLog());
        limit.reset();
        assertTrue(limit.shouldLog());
        assertEquals(0, limit.skippedBeforeLast());
    }
}
