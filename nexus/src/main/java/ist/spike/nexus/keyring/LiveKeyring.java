package ist.spike.nexus.keyring;

import ist.spike.common.crypto.AesGcm;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keyring in use: AES-GCM instances for every usable key and live counts of encryptions made with
 * the active keys. Each active key's persisted reservation is one block ahead of its count when the
 * keyring is adopted (a new key starts at one block; at every start the store raises an existing key's
 * reservation by a block and counting resumes from the old reservation, an upper bound of what was
 * used). When the count comes within half a block of the reservation, {@link Budget#reservationLow} asks
 * the owner to persist a higher one; at {@code maxEncryptions} {@link Budget#limitReached} asks for a
 * rotation. The count may run ahead of the truth (by up to a block per restart), never behind it.
 */
public final class LiveKeyring {
    public static final long RESERVATION_BLOCK = Keyring.RESERVATION_BLOCK;

    /** What the owner does when a count needs attention; both run on the encrypting thread, so return fast. */
    public interface Budget {
        void reservationLow(KeyPurpose purpose);

        void limitReached(KeyPurpose purpose);
    }

    private record View(Keyring keyring, Map<Long, AesGcm> aeads) {}

    private final long maxEncryptions;
    private final Budget budget;
    private final Map<KeyPurpose, AtomicLong> used = new EnumMap<>(KeyPurpose.class);
    private volatile View view;

    public LiveKeyring(Keyring keyring, long maxEncryptions, Budget budget) {
        this.maxEncryptions = maxEncryptions;
        this.budget = budget;
        for (KeyPurpose p : KeyPurpose.values()) {
            used.put(p, new AtomicLong(startingCount(keyring.active(p))));
        }
        this.view = viewOf(keyring);
    }

    public Keyring keyring() {
        return view.keyring();
    }

    /** Makes {@code next} (already persisted) the keyring in use; a new active key starts a new count. */
    public synchronized void replace(Keyring next) {
        Keyring previous = view.keyring();
        view = viewOf(next);
        for (KeyPurpose p : KeyPurpose.values()) {
            if (previous.active(p).generation() != next.active(p).generation()) {
                used.get(p).set(startingCount(next.active(p)));
            }
        }
    }

    /** The active key of {@code purpose}, counted as used once: call it once per encryption. */
    public ActiveKey encryptingKey(KeyPurpose purpose) {
        View v = view;
        DataKey active = v.keyring().active(purpose);
        long n = used.get(purpose).incrementAndGet();
        if (n >= maxEncryptions) {
            budget.limitReached(purpose);
        } else if (n > active.encryptionsReserved() - RESERVATION_BLOCK / 2) {
            budget.reservationLow(purpose);
        }
        return new ActiveKey(active.generation(), v.aeads().get(id(purpose, active.generation())));
    }

    /** The key that opens what generation {@code generation} of {@code purpose} sealed, or null if none can. */
    public AesGcm openingKey(KeyPurpose purpose, int generation) {
        return view.aeads().get(id(purpose, generation));
    }

    /** Encryptions counted for the active key of {@code purpose} (an upper bound after a restart). */
    public long used(KeyPurpose purpose) {
        return used.get(purpose).get();
    }

    /** The reservation the next persisted keyring should carry for {@code purpose}. */
    public long nextReservation(KeyPurpose purpose) {
        return used(purpose) + RESERVATION_BLOCK;
    }

    private static long startingCount(DataKey active) {
        return Math.max(0, active.encryptionsReserved() - RESERVATION_BLOCK);
    }

    /** A generation and the AES-GCM instance of its key. */
    public record ActiveKey(int generation, AesGcm aead) {}

    private static View viewOf(Keyring keyring) {
        Map<Long, AesGcm> aeads = new HashMap<>();
        for (DataKey k : keyring.keys()) {
            if (k.material() != null) {
                aeads.put(id(k.purpose(), k.generation()), AesGcm.create(k.material()));
            }
        }
        return new View(keyring, Map.copyOf(aeads));
    }

    private static long id(KeyPurpose purpose, int generation) {
        return ((long) purpose.ordinal() << 32) | (generation & 0xffffffffL);
    }

    @Override
    public String toString() {
        return "LiveKeyring[" + view.keyring() + "]";
    }
}
