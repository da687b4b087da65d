package ist.spike.nexus.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves forward by a fixed step each time it is read, so every event gets a distinct time. */
public final class SteppingClock extends Clock {
    private final AtomicReference<Instant> next;
    private final Duration step;

    public SteppingClock(Instant start, Duration step) {
        this.next = new AtomicReference<>(start);
        this.step = step;
    }

    @Override
    public Instant instant() {
        return next.getAndUpdate(t -> t.plus(step));
    }

    /** The instant the next read will return, without consuming it. */
    public Instant peek() {
        return next.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
