package ist.spike.nexus.policy;

/**
 * The literal start every match of a path pattern must have, when the pattern makes that plain:
 * {@code ^tenants/demo/db/.*$} can only match paths starting with {@code tenants/demo/db/}. Such
 * policies are looked up by prefix instead of being tried one by one.
 *
 * <p>Deliberately conservative: only a pattern that begins with {@code ^} and contains no {@code |}
 * anywhere (an alternation could escape the anchor) qualifies; the prefix stops at the first
 * metacharacter, and a character followed by a quantifier is left out.
 */
final class PathPrefix {
    private static final String META = ".[]()*+?{}|\\^$";

    private PathPrefix() {}

    /** The literal prefix every match starts with, or null when there is none to rely on. */
    static String of(String pattern) {
        if (!pattern.startsWith("^") || pattern.indexOf('|') >= 0) {
            return null;
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 1; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (META.indexOf(c) >= 0) {
                if ((c == '*' || c == '+' || c == '?' || c == '{') && !prefix.isEmpty()) {
                    prefix.setLength(prefix.length() - 1);
                }
                break;
            }
            prefix.append(c);
        }
        return prefix.isEmpty() ? null : prefix.toString();
    }
}
