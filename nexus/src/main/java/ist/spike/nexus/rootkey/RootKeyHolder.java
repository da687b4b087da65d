package ist.spike.nexus.rootkey;

import ist.spike.common.crypto.SecretBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one place the root key lives: in memory, empty until first boot, recovery from keepers or an
 * operator restore fills it. Only a rekey replaces it afterwards.
 */
public final class RootKeyHolder {
    private volatile SecretBytes key;
    private final List<Consumer<SecretBytes>> listeners = new ArrayList<>();

    public boolean isPresent() {
        return key != null;
    }

    /** The key, or null while Nexus waits for it. */
    public SecretBytes get() {
        return key;
    }

    /** Sets the key if none is set yet; returns false (and leaves the key as it was) otherwise. */
    public boolean setIfAbsent(SecretBytes candidate) {
        List<Consumer<SecretBytes>> toNotify;
        synchronized (this) {
            if (key != null) {
                return false;
            }
            key = candidate;
            toNotify = List.copyOf(listeners);
        }
        toNotify.forEach(l -> l.accept(candidate));
        return true;
    }

    /** A rekey's new root key (the store already seals under it); the previous one is destroyed. */
    public synchronized void replace(SecretBytes next) {
        if (key == null) {
            throw new IllegalStateException("no root key to replace");
        }
        SecretBytes previous = key;
        key = next;
        previous.destroy();
    }

    /** Destroys the key at shutdown; Nexus has no key from here on. */
    public synchronized void destroy() {
        if (key != null) {
            key.destroy();
            key = null;
        }
    }

    /** Runs {@code listener} once the key is set (at once, if it already is). */
    public void onKeySet(Consumer<SecretBytes> listener) {
        SecretBytes current;
        synchronized (this) {
            current = key;
            if (current == null) {
                listeners.add(listener);
                return;
            }
        }
        listener.accept(current);
    }
}
