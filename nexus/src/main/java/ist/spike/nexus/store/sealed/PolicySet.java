package ist.spike.nexus.store.sealed;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which policies exist, sealed as one record: each name with the revision its document was sealed under.
 * A policy row the set does not list (a deleted policy copied back from an older file) is never loaded,
 * and an older document of a listed policy fails to open (its revision is bound into its seal).
 * Revisions come from one counter that only grows, so no revision is used twice.
 */
final class PolicySet {
    static final String RECORD_NAME = "policy-set";
    private static final byte FORMAT = 1;

    private final long counter;
    private final TreeMap<String, Integer> revisions;

    PolicySet(long counter, TreeMap<String, Integer> revisions) {
        this.counter = counter;
        this.revisions = revisions;
    }

    static PolicySet empty() {
        return new PolicySet(0, new TreeMap<>());
    }

    Integer revision(String name) {
        return revisions.get(name);
    }

    List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(revisions.keySet()));
    }

    SortedMap<String, Integer> revisions() {
        return Collections.unmodifiableSortedMap(revisions);
    }

    int nextRevision() {
        return Math.toIntExact(counter + 1);
    }

    /** The set with {@code name} at {@code revision} (which must be {@link #nextRevision()} or a legacy 0). */
    PolicySet with(String name, int revision) {
        TreeMap<String, Integer> next = new TreeMap<>(revisions);
        next.put(name, revision);
        return new PolicySet(Math.max(counter, revision), next);
    }

    PolicySet without(String name) {
        TreeMap<String, Integer> next = new TreeMap<>(revisions);
        next.remove(name);
        return new PolicySet(counter, next);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 32 * revisions.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(counter);
            out.writeInt(revisions.size());
            for (var e : revisions.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
                out.writeInt(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PolicySet decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("unknown policy set format");
            }
            long counter = in.getLong();
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 8) {
                throw new IllegalArgumentException("bad policy count");
            }
            TreeMap<String, Integer> revisions = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new IllegalArgumentException("bad name length");
                }
                byte[] name = new byte[length];
                in.get(name);
                revisions.put(new String(name, StandardCharsets.UTF_8), in.getInt());
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new PolicySet(counter, revisions);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated policy set");
        }
    }
}
