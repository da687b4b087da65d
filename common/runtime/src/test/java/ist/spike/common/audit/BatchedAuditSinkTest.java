package ist.spike.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The audit sink against real files and devices, and against a channel that fails the ways disks and bugs do. */
class BatchedAuditSinkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> systemLog = new ListAppender<>();

    @BeforeEach
    void captureSystemLog() {
        systemLog.start();
        ((Logger) LoggerFactory.getLogger(BatchedAuditSink.class)).addAppender(systemLog);
    }

    @AfterEach
    void releaseSystemLog() {
        ((Logger) LoggerFactory.getLogger(BatchedAuditSink.class)).detachAppender(systemLog);
    }

    private static AuditSink open(Path file, AuditMode mode) {
        return AuditSink.open(new AuditSettings(file, false, mode, TIMEOUT), "the test");
    }

    private String systemLogText() {
        StringBuilder text = new StringBuilder();
        systemLog.list.forEach(e -> text.append(e.getLevel()).append(' ').append(e.getFormattedMessage()).append('\n'));
        return text.toString();
    }

    @Test
    void eachLineIsInTheFileWhenWriteReturns() throws Exception {
        Path file = dir.resolve("audit.log");
        List<Thread> callers = new ArrayList<>();
        List<String> missing = java.util.Collections.synchronizedList(new ArrayList<>());
        try (AuditSink sink = open(file, AuditMode.FAIL_CLOSED)) {
            for (int t = 0; t < 8; t++) {
                int caller = t;
                callers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 50; i++) {
                        String line = "{\"caller\":" + caller + ",\"n\":" + i + "}";
                        try {
                            sink.write(line);
                            if (!Files.readAllLines(file).contains(line)) {
                                missing.add(line);
                            }
                        } catch (AuditUnavailableException | IOException e) {
                            missing.add(line + " " + e);
                        }
                    }
                }));
            }
            for (Thread caller : callers) {
                caller.join();
            }
        }
        assertEquals(List.of(), missing);
        assertEquals(400, Files.readAllLines(file).size());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
    }

    @Test
    void aFullDiskRefusesTheLineAndSaysSoOnce() {
        try (AuditSink sink = open(Path.of("/dev/full"), AuditMode.FAIL_CLOSED)) {
            assertEquals(null, sink.stats().lastFailure());
            java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            for (int i = 0; i < 3; i++) {
                AuditUnavailableException e = assertThrows(AuditUnavailableException.class, () -> sink.write("{}"));
                assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            }
            // spike status calls Nexus unhealthy for a while after a failure: the sink says when it was.
            assertEquals(3, sink.stats().failed());
            assertFalse(sink.stats().lastFailure().isBefore(before), sink.stats()::toString);
        }
        String log = systemLogText();
        assertEquals(1, log.lines().filter(l -> l.startsWith("ERROR the audit sink cannot write")).count(), log);
    }

    @Test
    void bestEffortGoesOnWhenTheDiskIsFullAndCountsTheLoss() throws Exception {
        try (AuditSink sink = open(Path.of("/dev/full"), AuditMode.BEST_EFFORT)) {
            sink.write("{}");
            sink.write("{}");
        }
        assertTrue(systemLogText().contains("audit lines were lost"), systemLogText());
    }

    @Test
    void anErrorThrownByTheWriteFailsItsCallersButNotTheWriter() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        AtomicInteger calls = new AtomicInteger();
        WritableByteChannel failsOnce = channel(bytes -> {
            if (calls.getAndIncrement() == 0) {
                throw new OutOfMemoryError("simulated");
            }
            byte[] chunk = new byte[bytes.remaining()];
            bytes.get(chunk);
            written.writeBytes(chunk);
        });
        BatchedAuditSink sink = new BatchedAuditSink(failsOnce, null, AuditMode.FAIL_CLOSED, TIMEOUT);
        try {
            AuditUnavailableException e = assertThrows(AuditUnavailableException.class, () -> sink.write("{\"n\":1}"));
            assertTrue(e.getMessage().contains("simulated"), e.getMessage());
            sink.write("{\"n\":2}");
            assertEquals("{\"n\":2}\n", written.toString());
        } finally {
            sink.close();
        }
        assertTrue(systemLogText().contains("ERROR the audit sink cannot write: java.lang.OutOfMemoryError: simulated"),
                systemLogText());
        assertTrue(systemLogText().contains("WARN the audit sink writes again"), systemLogText());
    }

    @Test
    void aStuckWriteFailsItsCallersInsteadOfHangingThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WritableByteChannel stuck = channel(bytes -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bytes.position(bytes.limit());
        });
        BatchedAuditSink sink = new BatchedAuditSink(stuck, null, AuditMode.FAIL_CLOSED, Duration.ofMillis(300));
        try {
            AuditUnavailableException e = assertThrows(AuditUnavailableException.class, () -> sink.write("{}"));
            assertTrue(e.getMessage().contains("did not write the line within"), e.getMessage());
            assertThrows(AuditUnavailableException.class, () -> sink.write("{}"));
        } finally {
            release.countDown();
            sink.close();
        }
        assertTrue(systemLogText().contains("ERROR the audit sink did not write a line within"), systemLogText());
    }

    @Test
    void aClosedSinkRefusesLines() {
        AuditSink sink = open(dir.resolve("closed.log"), AuditMode.FAIL_CLOSED);
        sink.close();
        assertThrows(AuditUnavailableException.class, () -> sink.write("{}"));
    }

    @Test
    void aFileThatCannotBeOpenedStopsTheProgram() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x"); // refused even to root
        Path file = notADirectory.resolve("audit.log");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> open(file, AuditMode.FAIL_CLOSED));
        assertTrue(e.getMessage().startsWith("cannot open the audit file " + file), e.getMessage());
    }

    interface Write {
        void accept(ByteBuffer bytes) throws IOException;
    }

    /** A channel whose write is {@code write}: the faults a disk or a bug would cause, on demand. */
    private static WritableByteChannel channel(Write write) {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                int before = src.remaining();
                write.accept(src);
                return before - src.remaining();
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
    }
}
