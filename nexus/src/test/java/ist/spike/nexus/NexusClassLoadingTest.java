package ist.spike.nexus;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.devid.DevIdentityProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real Nexus ({@link NexusMain#main}) in a child JVM that logs every class it loads: it starts no JMX
 * platform MBean server. Jetty asks the HotSpot diagnostic MBean for a padding width unless told it,
 * which registers every platform MXBean and parses the JFR configuration files (start-up time, docs/performance.md).
 */
class NexusClassLoadingTest {
    @Test
    void startsWithoutThePlatformMBeanServer() throws Exception {
        Path dir = Files.createTempDirectory("nclt");
        Path classLog = dir.resolve("classes.txt");
        try (DevIdentityProvider provider = DevIdentityProvider.start(dir.resolve("id"), "spike.ist", Duration.ofMinutes(10))) {
            Path socket = provider.serve("nexus", "spiffe://spike.ist/spike/nexus");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:class+load=info:file=" + classLog, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), NexusMain.class.getName())
                    .redirectErrorStream(true);
            builder.environment().put("SPIFFE_ENDPOINT_SOCKET", "unix:" + socket);
            int port = freePort();
            builder.environment().put("SPIKE_NEXUS_TLS_PORT", "127.0.0.1:" + port);
            builder.environment().put("SPIKE_NEXUS_BACKEND_STORE", "memory");
            builder.environment().put("SPIKE_SYSTEM_LOG_LEVEL", "INFO");
            Process nexus = builder.start();
            try {
                List<String> output = new ArrayList<>();
                Thread.ofVirtual().start(() -> drain(nexus, output));
                assertTrue(waitForListener(port, nexus), () -> "Nexus did not start:\n" + String.join("\n", output));
            } finally {
                nexus.destroy();
                nexus.waitFor(30, TimeUnit.SECONDS);
            }
        }
        List<String> loaded = Files.readAllLines(classLog);
        assertNotNull(loaded.stream().filter(l -> l.contains(" org.eclipse.jetty.util.MemoryUtils ")).findAny().orElse(null),
                "Jetty's MemoryUtils was not loaded, so this test no longer checks anything");
        List<String> jmx = loaded.stream()
                .filter(l -> l.contains(" javax.management.") || l.contains(" com.sun.jmx.") || l.contains(" jdk.jfr."))
                .toList();
        assertTrue(jmx.isEmpty(), jmx.size() + " JMX/JFR classes loaded, the first: " + jmx.subList(0, Math.min(5, jmx.size())));
    }

    private static boolean waitForListener(int port, Process nexus) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && nexus.isAlive()) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    private static void drain(Process nexus, List<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(nexus.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
