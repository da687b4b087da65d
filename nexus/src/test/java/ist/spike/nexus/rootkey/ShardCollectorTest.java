package ist.spike.nexus.rootkey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShardCollectorTest {

    /** Keepers that answer from a table: a shard, null for "none", or a failure; one may hang until released. */
    private static final class FakeKeepers implements KeeperPeers {
        private final Map<Integer, Object> answers;
        private final int hanging;
        final CountDownLatch release = new CountDownLatch(1);
        volatile byte[] lateShard;

        FakeKeepers(Map<Integer, Object> answers, int hanging) {
            this.answers = answers;
            this.hanging = hanging;
        }

        @Override
        public List<Integer> ids() {
            return List.copyOf(new TreeMap<>(answers).keySet());
        }

        @Override
        public byte[] fetchShard(int id) throws IOException {
            if (id == hanging) {
                // Ignores interrupts, like a keeper whose answer is already on its way.
                boolean released = false;
                while (!released) {
                    try {
                        released = release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        // keep waiting
                    }
                }
                lateShard = shard(id);
                return lateShard;
            }
            Object answer = answers.get(id);
            if (answer instanceof IOException e) {
                throw e;
            }
            return answer == null ? null : ((byte[]) answer).clone();
        }

        @Override
        public void contribute(int id, byte[] shard) {}

        @Override
        public String describe(int id) {
            return "keeper-" + id;
        }
    }

    private static byte[] shard(int id) {
        byte[] s = new byte[32];
        java.util.Arrays.fill(s, (byte) id);
        return s;
    }

    @Test
    void collectsEveryShardAndReportsAllAnswered() throws Exception {
        FakeKeepers keepers = new FakeKeepers(Map.of(1, shard(1), 2, shard(2), 3, shard(3)), 0);
        Map<Integer, byte[]> shards = new TreeMap<>();
        boolean allAnswered = ShardCollector.collect(keepers, shards, 3);
        assertTrue(allAnswered);
        assertEquals(3, shards.size());
        assertArrayEquals(shard(2), shards.get(2));
    }

    @Test
    void aKeeperWithNoShardCountsAsAnswered() throws Exception {
        java.util.HashMap<Integer, Object> table = new java.util.HashMap<>();
        table.put(1, null);
        table.put(2, null);
        Map<Integer, byte[]> shards = new TreeMap<>();
        assertTrue(ShardCollector.collect(new FakeKeepers(table, 0), shards, 2));
        assertTrue(shards.isEmpty());
    }

    @Test
    void anUnreachableKeeperIsReportedAndTheOthersStillCount() throws Exception {
        FakeKeepers keepers = new FakeKeepers(Map.of(1, shard(1), 2, new IOException("refused"), 3, shard(3)), 0);
        Map<Integer, byte[]> shards = new TreeMap<>();
        boolean allAnswered = ShardCollector.collect(keepers, shards, 3);
        assertFalse(allAnswered);
        assertEquals(List.of(1, 3), List.copyOf(shards.keySet()));
    }

    @Test
    void asksOnlyTheKeepersStillMissing() throws Exception {
        FakeKeepers keepers = new FakeKeepers(Map.of(1, new IOException("must not be asked"), 2, shard(2)), 0);
        Map<Integer, byte[]> shards = new TreeMap<>(Map.of(1, shard(1)));
        assertTrue(ShardCollector.collect(keepers, shards, 2));
        assertEquals(2, shards.size());
    }

    @Test
    void doesNotWaitForAHangingKeeperOnceThresholdShardsAreInAndZeroesItsLateShard() throws Exception {
        FakeKeepers keepers = new FakeKeepers(Map.of(1, shard(1), 2, shard(2), 3, shard(3)), 2);
        Map<Integer, byte[]> shards = new TreeMap<>();
        long started = System.nanoTime();
        ShardCollector.collect(keepers, shards, 2);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000, "waited for the hanging keeper");
        assertEquals(List.of(1, 3), List.copyOf(shards.keySet()));

        keepers.release.countDown();
        for (int i = 0; i < 500 && !java.util.Arrays.equals(new byte[32], keepers.lateShard); i++) {
            Thread.sleep(10);
        }
        assertArrayEquals(new byte[32], keepers.lateShard, "a shard that came too late must be zeroed");
    }
}
