package ist.spike.nexus.rootkey;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of asking the keepers for their shards, all at once rather than one after another: a
 * restarting Nexus waits for its slowest needed keeper (a TLS handshake each), not for the sum, and a
 * keeper that hangs does not hold up the others. The round ends as soon as {@code threshold} shards
 * are in or every keeper asked has answered; a shard that arrives after that is zeroed, never kept.
 */
final class ShardCollector {
    private static final Logger LOG = LoggerFactory.getLogger(ShardCollector.class);

    /** What one keeper answered: a shard, null (it holds none), or the reason it could not be asked. */
    private record Answer(int id, byte[] shard, IOException failure) {}

    private final Object lock = new Object();
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private boolean closed;

    private ShardCollector() {}

    /**
     * Asks every keeper not yet in {@code shards} and adds what they give.
     *
     * @return true if every keeper asked answered (with a shard or with "none"), false if one could
     *         not be reached, or the round ended before it answered
     */
    static boolean collect(KeeperPeers keepers, Map<Integer, byte[]> shards, int threshold)
            throws InterruptedException {
        List<Integer> missing = keepers.ids().stream().filter(id -> !shards.containsKey(id)).toList();
        return new ShardCollector().run(keepers, missing, shards, threshold);
    }

    private boolean run(KeeperPeers keepers, List<Integer> missing, Map<Integer, byte[]> shards, int threshold)
            throws InterruptedException {
        List<Thread> askers = new ArrayList<>();
        for (int id : missing) {
            askers.add(Thread.ofVirtual().name("keeper-" + id + "-shard").start(() -> ask(keepers, id)));
        }
        boolean allAnswered = true;
        int pending = missing.size();
        try {
            while (pending > 0 && shards.size() < threshold) {
                Answer answer = answers.take();
                pending--;
                if (answer.failure() != null) {
                    allAnswered = false;
                    LOG.warn("keeper {} ({}) not reachable: {}", answer.id(), keepers.describe(answer.id()),
                            answer.failure().getMessage());
                } else if (answer.shard() != null) {
                    shards.put(answer.id(), answer.shard());
                }
            }
        } finally {
            synchronized (lock) {
                closed = true;
                for (Answer late : answers) {
                    zero(late);
                }
                answers.clear();
            }
            askers.forEach(Thread::interrupt);
        }
        return allAnswered && pending == 0;
    }

    private void ask(KeeperPeers keepers, int id) {
        Answer answer;
        try {
            answer = new Answer(id, keepers.fetchShard(id), null);
        } catch (IOException e) {
            answer = new Answer(id, null, e);
        } catch (RuntimeException e) {
            answer = new Answer(id, null, new IOException(e.toString(), e));
        }
        synchronized (lock) {
            if (closed) {
                zero(answer);
            } else {
                answers.add(answer);
            }
        }
    }

    private static void zero(Answer answer) {
        if (answer.shard() != null) {
            Arrays.fill(answer.shard(), (byte) 0);
        }
    }
}
