package ist.spike.nexus.keyring;

import ist.spike.common.crypto.SecretBytes;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The keyring as bytes (plaintext, sealed by {@link KeyringBox}). Format 1: epoch, last rotation and rekey
 * (epoch nanos, 0 = never), the keys (generation, purpose, state, created, legacy flag, reservation,
 * material or nothing), then the pending root key or nothing.
 */
final class KeyringCodec {
    private static final byte FORMAT = 1;
    private static final int KEY_LENGTH = 32;

    private KeyringCodec() {}

    static byte[] encode(Keyring k) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(k.rootEpoch());
            out.writeLong(nanos(k.lastRotation()));
            out.writeLong(nanos(k.lastRekey()));
            out.writeInt(k.keys().size());
            for (DataKey key : k.keys()) {
                out.writeInt(key.generation());
                out.writeByte(key.purpose().ordinal());
                out.writeByte(key.state().ordinal());
                out.writeLong(nanos(key.createdTime()));
                out.writeBoolean(key.legacy());
                out.writeLong(key.encryptionsReserved());
                writeKey(out, key.material());
            }
            writeKey(out, k.pendingRootKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Keyring decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("unknown keyring format");
            }
            int epoch = in.getInt();
            Instant lastRotation = instant(in.getLong());
            Instant lastRekey = instant(in.getLong());
            int count = in.getInt();
            if (count < 2 || count > 100_000) {
                throw new IllegalArgumentException("bad key count");
            }
            List<DataKey> keys = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int generation = in.getInt();
                KeyPurpose purpose = KeyPurpose.values()[in.get()];
                KeyState state = KeyState.values()[in.get()];
                Instant created = Instant.EPOCH.plusNanos(in.getLong());
                boolean legacy = in.get() != 0;
                long reserved = in.getLong();
                keys.add(new DataKey(generation, purpose, state, created, legacy, reserved, readKey(in)));
            }
            SecretBytes pending = readKey(in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new Keyring(epoch, keys, lastRotation, lastRekey, pending);
        } catch (BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated or malformed keyring");
        }
    }

    private static void writeKey(DataOutputStream out, SecretBytes key) throws IOException {
        if (key == null) {
            out.writeBoolean(false);
            return;
        }
        byte[] raw = key.copyRawBytes();
        try {
            out.writeBoolean(true);
            out.write(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static SecretBytes readKey(ByteBuffer in) {
        if (in.get() == 0) {
            return null;
        }
        byte[] raw = new byte[KEY_LENGTH];
        in.get(raw);
        return SecretBytes.wrap(raw);
    }

    private static long nanos(Instant t) {
        return t == null ? 0 : t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static Instant instant(long nanos) {
        return nanos == 0 ? null : Instant.EPOCH.plusNanos(nanos);
    }
}
