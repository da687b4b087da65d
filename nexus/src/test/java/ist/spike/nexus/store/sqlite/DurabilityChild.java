package ist.spike.nexus.store.sqlite;

import ist.spike.nexus.store.sealed.SealedBackend;
import ist.spike.nexus.testing.TestStores;
import ist.spike.nexus.secret.SecretService;
import ist.spike.nexus.testing.TestKeys;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child process of {@link DurabilityTest}: writes secrets from several virtual threads until killed,
 * printing {@code ACK <path> <version> <value> END} only after each put has returned (been acknowledged).
 */
public final class DurabilityChild {
    static final int WRITERS = 8;

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        SealedBackend store = TestStores.sqlite(SqliteStoreOptions.defaults(dataDir), TestKeys.fixed(42));
        SecretService secrets = new SecretService(store, Clock.systemUTC(), 1_000_000);
        out.println("READY");
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; ; i++) {
                    String path = "durable/w" + writer;
                    String value = "w" + writer + "-n" + i;
                    int version = secrets.put(path, Map.of("value", value));
                    synchronized (out) {
                        out.println("ACK " + path + " " + version + " " + value + " END");
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join(); // never returns: the parent kills this process
        }
    }
}
