package ist.spike.nexus.store.sealed;

import ist.spike.nexus.store.SecretMetadataRecord;
import ist.spike.nexus.store.SecretVersionRecord;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * A secret's bookkeeping, sealed as one record: its metadata and every stored version with its times. It
 * is the only authority on which versions exist, which are deleted and which is current, so none of that
 * can be edited in the file without the key.
 */
final class SecretIndex {
    private static final byte FORMAT = 1;

    private SecretMetadataRecord metadata;
    private final TreeMap<Integer, SecretVersionRecord> versions;

    SecretIndex(SecretMetadataRecord metadata, TreeMap<Integer, SecretVersionRecord> versions) {
        this.metadata = metadata;
        this.versions = versions;
    }

    SecretMetadataRecord metadata() {
        return metadata;
    }

    void setMetadata(SecretMetadataRecord m) {
        metadata = m;
    }

    List<SecretVersionRecord> versions() {
        return Collections.unmodifiableList(new ArrayList<>(versions.values()));
    }

    SecretVersionRecord version(int number) {
        return versions.get(number);
    }

    void putVersion(SecretVersionRecord record) {
        versions.put(record.version(), record);
    }

    void removeVersion(int number) {
        versions.remove(number);
    }

    /** The highest version number listed, 0 if none. */
    int highestVersion() {
        return versions.isEmpty() ? 0 : versions.lastKey();
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 24 * versions.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(metadata.currentVersion());
            out.writeInt(metadata.oldestVersion());
            out.writeLong(nanos(metadata.createdTime()));
            out.writeLong(nanos(metadata.updatedTime()));
            out.writeInt(metadata.maxVersions());
            out.writeInt(versions.size());
            for (SecretVersionRecord v : versions.values()) {
                out.writeInt(v.version());
                out.writeLong(nanos(v.createdTime()));
                out.writeLong(v.deletedTime() == null ? Long.MIN_VALUE : nanos(v.deletedTime()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes what {@link #encode} wrote; anything else is an {@link IllegalArgumentException}. */
    static SecretIndex decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("unknown secret index format");
            }
            SecretMetadataRecord m = new SecretMetadataRecord(in.getInt(), in.getInt(), instant(in.getLong()),
                    instant(in.getLong()), in.getInt());
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 20) {
                throw new IllegalArgumentException("bad version count");
            }
            TreeMap<Integer, SecretVersionRecord> versions = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int number = in.getInt();
                Instant created = instant(in.getLong());
                long deleted = in.getLong();
                versions.put(number, new SecretVersionRecord(number, created,
                        deleted == Long.MIN_VALUE ? null : instant(deleted)));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new SecretIndex(m, versions);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated secret index");
        }
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private static Instant instant(long nanos) {
        return Instant.EPOCH.plusNanos(nanos);
    }
}
