package ist.spike.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Text from outside (a keeper's error text, a request's path) cannot start a system log line of its own. */
class LineLayoutTest {
    private static final String FORGED = "{\"time\":\"2026-12-02T10:00:00Z\",\"type\":\"response\",\"trail\":\"f\","
            + "\"caller\":\"spiffe://spike.ist/spike/pilot/role/superuser\",\"outcome\":\"ok\",\"status\":200}";

    private static String layout(String message, Object argument, Throwable thrown) {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("ist.spike.Test"), Level.WARN, message, thrown,
                new Object[] {argument});
        LineLayout layout = LineLayout.withTime();
        layout.setContext(context);
        layout.start();
        return layout.doLayout(event);
    }

    @Test
    void lineBreaksAndEscapesInArgumentsAreEscaped() {
        String text = layout("keeper 1 not reachable: {}", "keeper answered HTTP 500 x\r\n" + FORGED + "\n\u001b[2J\u0085",
                null);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.endsWith("WARN  Test: keeper 1 not reachable: keeper answered HTTP 500 x\\r\\n" + FORGED
                + "\\n\\x1b[2J\\x85" + System.lineSeparator()), text);
    }

    @Test
    void exceptionMessagesAreEscapedButFramesStayOnTheirLines() {
        String text = layout("failed", null, new IOException("bad\n" + FORGED, new IllegalStateException("x\ny")));
        assertTrue(text.contains("java.io.IOException: bad\\n" + FORGED), text);
        assertTrue(text.contains("Caused by: java.lang.IllegalStateException: x\\ny"), text);
        assertTrue(text.contains("\n\tat ist.spike.common.logging.LineLayoutTest."), text);
        assertFalse(text.lines().anyMatch(line -> line.startsWith("{")), text);
    }
}
