package ist.spike.common.workloadapi;

import java.io.IOException;

/** The server answered, but ended the call or the connection (trailers, RST_STREAM, GOAWAY, EOF, a bad frame). */
public final class CallFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    CallFailedException(String message) {
        super(message);
    }
}
