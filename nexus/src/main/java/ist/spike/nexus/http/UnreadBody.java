package ist.spike.nexus.http;

import io.javalin.http.Context;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * Ends a connection whose request body was never read, without reading it: reading would spend
 * Nexus's time (TLS decryption, at least) on a caller it has refused. Closing a socket that still has
 * unread bytes makes the kernel send a reset, which can reach the client before it has read the answer;
 * so the answer is completed, our side of the connection shut (the client sees the end of the stream
 * after the answer), and the close waits a moment, as Go's server does.
 */
final class UnreadBody {
    /** How long the close waits after shutting our side: Go's rstAvoidanceDelay. */
    static final long RESET_AVOIDANCE_MILLIS = 500;

    private UnreadBody() {}

    /** Called once the answer is written; the connection closes after it (the answer says so). */
    static void closeAfterAnswer(Context ctx) {
        try {
            ctx.res().getOutputStream().close();
            EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req())
                    .getConnectionMetaData().getConnection().getEndPoint();
            endPoint.shutdownOutput();
            Thread.sleep(RESET_AVOIDANCE_MILLIS);
        } catch (IOException e) {
            // the client is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
