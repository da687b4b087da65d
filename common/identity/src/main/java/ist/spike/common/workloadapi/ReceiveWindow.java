package ist.spike.common.workloadapi;

/**
 * One HTTP/2 receive window (the connection's or a stream's), given back as DATA is consumed: once
 * half of it has been used, a WINDOW_UPDATE returns all that was used. A stream that lives for days
 * and carries any number of rotations then never runs the server out of window.
 */
final class ReceiveWindow {
    private final int size;
    private int consumedNotReturned;

    ReceiveWindow(int size) {
        this.size = size;
    }

    /**
     * Counts {@code bytes} of received DATA (the whole frame payload: padding counts too).
     *
     * @return the WINDOW_UPDATE increment to send now, or 0 for none yet
     */
    int consume(int bytes) {
        consumedNotReturned += bytes;
        if (consumedNotReturned == 0 || consumedNotReturned < size / 2) {
            return 0; // an increment of 0 would be a protocol error
        }
        int increment = consumedNotReturned;
        consumedNotReturned = 0;
        return increment;
    }
}
