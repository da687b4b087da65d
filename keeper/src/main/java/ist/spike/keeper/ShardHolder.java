package ist.spike.keeper;

import ist.spike.common.crypto.ConstantTime;
import java.util.Arrays;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** The keeper's only state: one 32-byte shard, in memory, never on disk. */
public final class ShardHolder {
    public static final int LENGTH = 32;

    private final byte[] shard = new byte[LENGTH];
    private boolean present;
    /** When the shard was last set (epoch milliseconds; 0: never): a fact for the metrics, not a secret. */
    private long setAtMillis;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** Replaces the shard; an all-zero or wrong-length value is refused (returns false) and changes nothing. */
    public boolean set(byte[] value) {
        if (value == null || value.length != LENGTH || ConstantTime.isAllZero(value)) {
            return false;
        }
        lock.writeLock().lock();
        try {
            System.arraycopy(value, 0, shard, 0, LENGTH);
            present = true;
            setAtMillis = System.currentTimeMillis();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Takes the shard only while none is held (checked and set under one lock); returns false, changing nothing, when
     * one is held already or the value is refused as by {@link #set}.
     */
    public boolean setIfEmpty(byte[] value) {
        lock.writeLock().lock();
        try {
            return !present && set(value);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether a shard was contributed since start. */
    public boolean isPresent() {
        lock.readLock().lock();
        try {
            return present;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** When a shard was last set, in epoch milliseconds; 0 when none was since start. */
    public long lastSetMillis() {
        lock.readLock().lock();
        try {
            return setAtMillis;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of the shard, or null when none was contributed since start. Zero the copy when done. */
    public byte[] copy() {
        lock.readLock().lock();
        try {
            return present ? shard.clone() : null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Zeroes the shard (at shutdown). */
    public void clear() {
        lock.writeLock().lock();
        try {
            Arrays.fill(shard, (byte) 0);
            present = false;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
