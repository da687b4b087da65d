package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs hack/drill-recovery.sh, the operators' disaster-recovery drill, end to end against dist/bin. */
class RecoveryDrillScriptTest {
    @Test
    void theDrillPasses() throws Exception {
        Path repo = Processes.dist().getParent();
        Path output = Files.createTempFile("drill", ".log");
        try {
            Process drill = new ProcessBuilder(repo.resolve("hack/drill-recovery.sh").toString(), "--no-build")
                    .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertTrue(drill.waitFor(5, TimeUnit.MINUTES), "the drill did not finish within 5 minutes");
            String log = Files.readString(output);
            assertEquals(0, drill.exitValue(), log);
            assertTrue(log.contains("Recovery drill passed"), log);
            assertTrue(log.contains("SPIKE is now restored and ready to use."), log);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
