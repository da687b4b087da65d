package ist.spike.common.validate;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Upstream's input validation rules (SDK {@code validation} package; docs/api.md). Go's RE2 anchors and
 * Java's {@link java.util.regex.Matcher#matches()} agree here: the whole string must match, and Java's
 * {@code $}-before-final-newline quirk cannot apply. Character classes are written out for Java, where an
 * unescaped {@code [} inside a class would open a nested class. Quantifiers are possessive, and one group is
 * rewritten (see {@link #SPIFFE_ID_PATTERN}) so that no input makes Java's backtracking engine slow; RE2 is
 * linear-time and Java's is not.
 *
 * <p>Length limits count characters; upstream counts bytes, which is the same for every string the
 * ASCII-only patterns accept.
 */
public final class InputRules {
    public static final int MAX_NAME_LENGTH = 250;
    public static final int MAX_PATH_LENGTH = 500;

    /** Policy names, policy get/delete "id" (a name), secret value keys: {@code ^[a-zA-Z0-9-_ ]+$}. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_ \\-]++");

    /**
     * Upstream: {@code ^\^?spiffe://[\\a-zA-Z0-9.\-*()+?\[\]]+(/[\\/a-zA-Z0-9._\-*()+?\[\]]+)*\$?$}.
     * The second class contains '/', so {@code (/[...]+)*} accepts exactly what {@code (/[...]+)?} accepts
     * (any run of segments is one '/' followed by class characters). With the repeated form, Java's
     * backtracking on a near-miss such as {@code spiffe://a/a/a/.../a!} grows faster than linearly, so one
     * large policy body could keep a core busy (docs/performance.md); this form never backtracks.
     */
    private static final Pattern SPIFFE_ID_PATTERN = Pattern.compile(
            "\\^?spiffe://[\\\\a-zA-Z0-9.\\-*()+?\\[\\]]++(?:/[\\\\/a-zA-Z0-9._\\-*()+?\\[\\]]++)?+\\$?");

    /** Upstream: {@code ^[a-zA-Z0-9._\-/^$()?+*|[\]{}\\]+$}. */
    private static final Pattern PATH_PATTERN = Pattern.compile("[a-zA-Z0-9._\\-/^$()?+*|\\[\\]{}\\\\]++");

    /** Upstream: {@code ^[a-zA-Z0-9._\-/()?+*|[\]{}\\]+$} (the path-pattern set without ^ and $). */
    private static final Pattern SECRET_PATH = Pattern.compile("[a-zA-Z0-9._\\-/()?+*|\\[\\]{}\\\\]++");

    /** Upstream: {@code ^spiffe://[a-zA-Z0-9.-]+(/[a-zA-Z0-9._-]+)*$}. */
    private static final Pattern PEER_SPIFFE_ID = Pattern.compile("spiffe://[a-zA-Z0-9.\\-]++(?:/[a-zA-Z0-9._\\-]++)*+");

    private InputRules() {}

    /** A secret path: 1-500 characters; regex metacharacters are allowed, the anchors ^ and $ are not. */
    public static boolean isValidSecretPath(String path) {
        return lengthWithin(path, MAX_PATH_LENGTH) && SECRET_PATH.matcher(path).matches();
    }

    /** A key of a secret's values map: the name rule. */
    public static boolean isValidSecretKey(String key) {
        return isValidName(key);
    }

    /** A policy name (also the "id" of policy get/delete): the name rule. */
    public static boolean isValidPolicyName(String name) {
        return isValidName(name);
    }

    /** A policy's SPIFFE-ID pattern: literally "spiffe://" first, optional leading ^ and trailing $. No length limit. */
    public static boolean isValidSpiffeIdPattern(String pattern) {
        return pattern != null && SPIFFE_ID_PATTERN.matcher(pattern).matches();
    }

    /** A policy's path pattern: 1-500 characters of path characters and regex metacharacters. */
    public static boolean isValidPathPattern(String pattern) {
        return lengthWithin(pattern, MAX_PATH_LENGTH) && PATH_PATTERN.matcher(pattern).matches();
    }

    /** One of read, write, list, execute, super (exact case). */
    public static boolean isValidPermission(String permission) {
        return Permission.fromWire(permission).isPresent();
    }

    /** A policy's permissions: at least one, each valid. Duplicates are allowed, as upstream allows them. */
    public static boolean isValidPermissionSet(Collection<String> permissions) {
        return permissions != null && !permissions.isEmpty()
                && permissions.stream().allMatch(InputRules::isValidPermission);
    }

    /** A caller's SPIFFE ID from its certificate: {@code spiffe://} + trust domain + path segments. */
    public static boolean isValidPeerSpiffeId(String spiffeId) {
        return spiffeId != null && PEER_SPIFFE_ID.matcher(spiffeId).matches();
    }

    private static boolean isValidName(String name) {
        return lengthWithin(name, MAX_NAME_LENGTH) && NAME.matcher(name).matches();
    }

    private static boolean lengthWithin(String value, int max) {
        return value != null && !value.isEmpty() && value.length() <= max;
    }
}
