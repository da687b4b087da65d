package ist.spike.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ist.spike.common.config.ConfigException;
import ist.spike.common.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** SPIKE_AUDIT_*: fail-closed on stdout unless told otherwise, and no silent way to turn the trail off. */
class AuditSettingsTest {
    private static AuditSettings read(Map<String, String> env) {
        return AuditSettings.fromEnv(Env.of(env));
    }

    @Test
    void theDefaultIsStdoutFailClosed() {
        AuditSettings settings = read(Map.of());
        assertEquals(new AuditSettings(null, false, AuditMode.FAIL_CLOSED, Duration.ofSeconds(2)), settings);
        assertEquals("stdout", settings.describe());
    }

    @Test
    void aFileOffAndTheModes() {
        assertEquals(Path.of("/var/log/spike/audit.jsonl"), read(Map.of("SPIKE_AUDIT_SINK", "/var/log/spike/audit.jsonl"))
                .file());
        assertTrue(read(Map.of("SPIKE_AUDIT_SINK", "off")).off());
        assertEquals(AuditMode.BEST_EFFORT, read(Map.of("SPIKE_AUDIT_MODE", "best-effort")).mode());
        assertEquals(Duration.ofMillis(500), read(Map.of("SPIKE_AUDIT_TIMEOUT", "500ms")).timeout());
        assertEquals(AuditMode.FAIL_CLOSED, read(Map.of("SPIKE_AUDIT_LOG_LEVEL", "info")).mode());
    }

    @Test
    void valuesThatCannotBeUsedStopTheProgram() {
        for (Map<String, String> env : java.util.List.of(Map.of("SPIKE_AUDIT_SINK", "audit.log"),
                Map.of("SPIKE_AUDIT_MODE", "fail-open"), Map.of("SPIKE_AUDIT_TIMEOUT", "0s"),
                Map.of("SPIKE_AUDIT_LOG_LEVEL", "OFF"), Map.of("SPIKE_AUDIT_LOG_LEVEL", "WARN"))) {
            assertThrows(ConfigException.class, () -> read(env), env::toString);
        }
    }

    @Test
    void auditOffWarnsAtStart() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(AuditSink.class);
        logger.addAppender(log);
        try {
            assertSame(AuditSink.Off.INSTANCE, AuditSink.open(read(Map.of("SPIKE_AUDIT_SINK", "off")), "Nexus"));
        } finally {
            logger.detachAppender(log);
        }
        assertEquals(1, log.list.size());
        assertEquals("WARN", log.list.getFirst().getLevel().toString());
        assertTrue(log.list.getFirst().getFormattedMessage().startsWith(
                "SPIKE_AUDIT_SINK=off: Nexus writes no audit trail"), log.list.getFirst().getFormattedMessage());
    }
}
