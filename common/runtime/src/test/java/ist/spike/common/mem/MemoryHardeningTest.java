package ist.spike.common.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryHardeningTest {
    @Test
    void applyNeverThrowsAndReportsEachMeasure() {
        MemoryHardeningResult result = MemoryHardening.apply(false);

        assertTrue(result.memoryLock() != null && result.coreDumpsDisabled() != null);
        if (!Platform.isLinux()) {
            assertEquals(HardeningStep.Outcome.SKIPPED, result.memoryLock().outcome());
        }
    }

    @Test
    void onLinuxMemoryIsLockedOrTheFailureIsAPermissionOne() throws IOException {
        assumeTrue(Platform.isLinux());

        HardeningStep lock = MemoryHardening.apply(false).memoryLock();

        // Root (CAP_IPC_LOCK) locks; an unprivileged user over RLIMIT_MEMLOCK gets ENOMEM or EPERM.
        if (hasCapIpcLock()) {
            assertTrue(lock.isApplied(), lock.detail());
        }
        if (!lock.isApplied()) {
            assertEquals(HardeningStep.Outcome.FAILED, lock.outcome());
            assertTrue(lock.errno() == Errno.ENOMEM || lock.errno() == Errno.EPERM, lock.detail());
            assertTrue(lock.detail().startsWith("mlockall: E"), lock.detail());
        } else {
            assertEquals(0, lock.errno());
        }
    }

    /** CAP_IPC_LOCK (bit 14) in the effective set: then the lock must succeed whatever the rlimit. */
    private static boolean hasCapIpcLock() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 14)) != 0;
            }
        }
        return false;
    }

    @Test
    void onLinuxTheProcessIsNoLongerDumpable() {
        assumeTrue(Platform.isLinux());

        HardeningStep dumps = MemoryHardening.apply(false).coreDumpsDisabled();

        assertTrue(dumps.isApplied(), dumps.detail());
        assertEquals(0, LibC.load().prctl(LibC.PR_GET_DUMPABLE, 0, 0, 0, 0));
    }

    @Test
    void elsewhereBothMeasuresAreSkipped() {
        MemoryHardeningResult result = MemoryHardening.attempt(false);

        assertEquals(HardeningStep.Outcome.SKIPPED, result.memoryLock().outcome());
        assertEquals(HardeningStep.Outcome.SKIPPED, result.coreDumpsDisabled().outcome());
        assertFalse(result.fullyApplied());
    }

    @Test
    void gapsAreLoggedAsWarningsOnlyWhenAsked() {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        Logger logger = ((LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).getLogger("mem-test");
        events.start();
        logger.addAppender(events);
        logger.setAdditive(false); // keep the expected warning out of the build output
        MemoryHardeningResult partial = new MemoryHardeningResult(
                HardeningStep.failed(Errno.ENOMEM, "mlockall: ENOMEM [12] Cannot allocate memory"),
                HardeningStep.applied());

        MemoryHardening.report(partial, false, logger);
        assertTrue(events.list.isEmpty());

        MemoryHardening.report(partial, true, logger);
        MemoryHardening.report(new MemoryHardeningResult(HardeningStep.applied(), HardeningStep.applied()),
                true, logger);

        List<ILoggingEvent> logged = events.list;
        assertEquals(1, logged.size());
        assertEquals(Level.WARN, logged.get(0).getLevel());
        assertTrue(logged.get(0).getFormattedMessage().contains("ENOMEM"));
    }
}
