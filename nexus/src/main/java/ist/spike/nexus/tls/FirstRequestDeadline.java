package ist.spike.nexus.tls;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose TLS handshake and first request headers have not both arrived within
 * the deadline. Jetty's idle timeout restarts with every byte, so a client sending one byte at a
 * time could otherwise hold a connection (and a TLS engine) for as long as it likes.
 *
 * <p>Watches the HTTP connection (the one above TLS): Jetty counts a request there once its headers
 * are complete. Later requests on a kept-alive connection are bounded by the idle timeout.
 */
final class FirstRequestDeadline implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(FirstRequestDeadline.class);

    private final Duration deadline;
    private final Scheduler scheduler;
    private final Map<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();

    FirstRequestDeadline(Duration deadline, Scheduler scheduler) {
        this.deadline = deadline;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof SslConnection) {
            return;
        }
        Scheduler.Task task = scheduler.schedule(() -> expire(connection), deadline.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(connection, task);
    }

    @Override
    public void onClosed(Connection connection) {
        Scheduler.Task task = pending.remove(connection);
        if (task != null) {
            task.cancel();
        }
    }

    private void expire(Connection connection) {
        pending.remove(connection);
        if (connection.getMessagesIn() == 0) {
            LOG.info("closing connection from {}: no complete request within {} ms",
                    connection.getEndPoint().getRemoteSocketAddress(), deadline.toMillis());
            connection.getEndPoint().close();
        }
    }
}
