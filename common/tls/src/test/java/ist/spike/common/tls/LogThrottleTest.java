package ist.spike.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    @Test
    void linesBeyondTheWindowsAllowanceAreCountedAndReportedWithTheNext() {
        AtomicLong nanos = new AtomicLong();
        LogThrottle throttle = new LogThrottle(2, nanos::get);
        assertEquals("", throttle.admit());
        assertEquals("", throttle.admit());
        for (int i = 0; i < 1000; i++) {
            assertNull(throttle.admit());
        }
        nanos.addAndGet(60_000_000_000L);
        assertEquals(" (1000 similar lines left out)", throttle.admit());
        assertEquals("", throttle.admit());
        assertNull(throttle.admit());
    }
}
