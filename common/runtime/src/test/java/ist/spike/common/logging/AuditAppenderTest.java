package ist.spike.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditAppenderTest {

    @Test
    void writesEveryLineOnceAndInOrderPerThread() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        AuditAppender appender = new AuditAppender(new PrintStream(sink, false, StandardCharsets.UTF_8));
        appender.setContext(context);
        appender.setQueueSize(16); // small, so writers also wait for room
        appender.start();
        Logger audit = context.getLogger("spike.audit");
        audit.setAdditive(false);
        audit.setLevel(Level.INFO);
        audit.addAppender(appender);

        int threads = 8;
        int perThread = 2000;
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            running.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    audit.info("{\"t\":" + id + ",\"i\":" + i + ",\"s\":\"ü\"}");
                }
            }));
        }
        for (Thread t : running) {
            t.join();
        }
        appender.stop(); // writes out what is queued

        String[] lines = sink.toString(StandardCharsets.UTF_8).split(System.lineSeparator(), -1);
        assertEquals("", lines[lines.length - 1], "output ends with a line separator");
        assertEquals(threads * perThread, lines.length - 1);
        Map<Integer, Integer> next = new HashMap<>();
        for (int n = 0; n < lines.length - 1; n++) {
            String line = lines[n];
            assertTrue(line.startsWith("{\"t\":") && line.endsWith(",\"s\":\"ü\"}"), line);
            int t = Integer.parseInt(line.substring(5, line.indexOf(',')));
            int i = Integer.parseInt(line.substring(line.indexOf("\"i\":") + 4, line.indexOf(",\"s\"")));
            assertEquals(next.getOrDefault(t, 0), i, "thread " + t + " out of order");
            next.put(t, i + 1);
        }
    }

    @Test
    void aLoneLineIsWrittenSoon() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        AuditAppender appender = new AuditAppender(new PrintStream(sink, false, StandardCharsets.UTF_8));
        appender.setContext(context);
        appender.start();
        Logger audit = context.getLogger("spike.audit");
        audit.addAppender(appender);
        audit.info("one");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sink.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals("one" + System.lineSeparator(), sink.toString(StandardCharsets.UTF_8));
        appender.stop();
    }
}
