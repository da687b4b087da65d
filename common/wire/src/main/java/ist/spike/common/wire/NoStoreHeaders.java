package ist.spike.common.wire;

import java.util.Map;

/** The headers every Nexus and keeper answer carries, as upstream sends them: answers hold secrets, never cache. */
public final class NoStoreHeaders {
    public static final Map<String, String> ALL = Map.of(
            "Cache-Control", "no-store, no-cache, must-revalidate, private",
            "Pragma", "no-cache",
            "Expires", "0");

    private NoStoreHeaders() {}
}
