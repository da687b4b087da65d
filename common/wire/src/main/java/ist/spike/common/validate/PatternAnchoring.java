package ist.spike.common.validate;

import java.util.Optional;

/**
 * Whether a policy pattern is anchored, so that it cannot reach further than it reads. Policy patterns
 * match anywhere in the text (upstream's semantics): {@code spiffe://spike.ist/workload/app} also
 * matches {@code .../workload/app-evil} and {@code spiffe://evil.example/x/spiffe://spike.ist/workload/app}.
 * Pilot warns about unanchored patterns and Nexus refuses them in strict mode
 * (docs/policies-and-cipher.md, "Anchored patterns").
 *
 * <p>Anchored means: the pattern starts with {@code ^} (a SPIFFE ID pattern with {@code ^spiffe://}, a
 * trust domain written literally with every dot escaped, then {@code /}), ends with {@code $}, {@code /} or
 * {@code /.*}, has no {@code |} outside a group, and does not turn on the multi-line flag. The check reads
 * the pattern's text; it is conservative: a pattern it cannot read as anchored is reported.
 */
public final class PatternAnchoring {
    private static final String QUANTIFIERS = "?*+{";

    private PatternAnchoring() {}

    /** Why this SPIFFE ID pattern may match IDs it was not meant for, or empty when it is anchored. */
    public static Optional<String> spiffeIdPatternRisk(String pattern) {
        if (pattern == null || !pattern.startsWith("^spiffe://")) {
            return Optional.of("it does not start with ^spiffe://, so it matches anywhere in a caller's ID,"
                    + " in any trust domain");
        }
        int at = "^spiffe://".length();
        int domainStart = at;
        while (at < pattern.length() && pattern.charAt(at) != '/') {
            char c = pattern.charAt(at);
            if (c == '\\' && at + 1 < pattern.length() && pattern.charAt(at + 1) == '.') {
                at += 2;
            } else if (c == '.') {
                return Optional.of("the unescaped '.' in its trust domain matches any character (write \\.),"
                        + " so it matches other trust domains");
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                at++;
            } else {
                return Optional.of("its trust domain is not written literally (only a-z 0-9 - _ and \\.),"
                        + " so it may match other trust domains");
            }
        }
        if (at == domainStart || at == pattern.length()
                || at + 1 < pattern.length() && QUANTIFIERS.indexOf(pattern.charAt(at + 1)) >= 0) {
            return Optional.of("its trust domain is not followed by a literal '/', so it matches trust domains"
                    + " that start with the same name");
        }
        return structureRisk(pattern, "caller IDs");
    }

    /** Why this path pattern may match paths it was not meant for, or empty when it is anchored. */
    public static Optional<String> pathPatternRisk(String pattern) {
        if (pattern == null || !pattern.startsWith("^")
                || pattern.length() > 1 && QUANTIFIERS.indexOf(pattern.charAt(1)) >= 0) {
            return Optional.of("it does not start with ^, so it matches anywhere in a path");
        }
        return structureRisk(pattern, "paths");
    }

    /** The rules both patterns share: ends with $, / or /.*, no top-level |, no multi-line flag. */
    private static Optional<String> structureRisk(String pattern, String what) {
        Scan scan = Scan.of(pattern);
        if (scan.topLevelAlternation) {
            return Optional.of("it has a '|' outside parentheses, so the anchors hold for one alternative only");
        }
        if (scan.multiLine) {
            return Optional.of("it turns on the multi-line flag (?m), so ^ and $ also match at line breaks");
        }
        if (scan.lastToken != '$' && scan.lastToken != '/' && !endsWithSlashAnything(pattern)) {
            return Optional.of("it does not end with $, / or /.*, so it also matches longer " + what
                    + " (app also matches app-evil)");
        }
        return Optional.empty();
    }

    /** True for a pattern ending with a plain {@code /.*}, which reaches what a final {@code /} reaches. */
    private static boolean endsWithSlashAnything(String pattern) {
        return pattern.endsWith("/.*") && Scan.of(pattern.substring(0, pattern.length() - 2)).lastToken == '/';
    }

    /**
     * What a left-to-right read of the pattern finds: the last token, when it is a plain {@code $} or
     * {@code /} outside any group, class or {@code \Q...\E} quote (else 0); a {@code |} outside groups;
     * a flag group that turns on {@code m}.
     */
    private record Scan(char lastToken, boolean topLevelAlternation, boolean multiLine) {
        static Scan of(String p) {
            int depth = 0;
            boolean alternation = false;
            boolean multiLine = false;
            char last = 0;
            int i = 0;
            while (i < p.length()) {
                char c = p.charAt(i);
                last = 0;
                if (c == '\\') {
                    if (i + 1 < p.length() && p.charAt(i + 1) == 'Q') {
                        int end = p.indexOf("\\E", i + 2);
                        i = end < 0 ? p.length() : end + 2;
                    } else {
                        i += 2;
                    }
                } else if (c == '[') {
                    i = classEnd(p, i);
                } else if (c == '(') {
                    if (p.startsWith("(?", i)) {
                        multiLine |= setsMultiLine(p, i + 2);
                    }
                    depth++;
                    i++;
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                    i++;
                } else {
                    if (c == '|' && depth == 0) {
                        alternation = true;
                    }
                    if ((c == '$' || c == '/') && depth == 0) {
                        last = c;
                    }
                    i++;
                }
            }
            return new Scan(last, alternation, multiLine);
        }

        /** The index after the class that starts at {@code open} ({@code []a]} and {@code [^]a]} hold a ']'). */
        private static int classEnd(String p, int open) {
            int i = open + 1;
            if (i < p.length() && p.charAt(i) == '^') {
                i++;
            }
            if (i < p.length() && p.charAt(i) == ']') {
                i++;
            }
            while (i < p.length() && p.charAt(i) != ']') {
                if (p.startsWith("[:", i)) {
                    int end = p.indexOf(":]", i + 2);
                    i = end < 0 ? i + 1 : end + 2;
                } else {
                    i += p.charAt(i) == '\\' ? 2 : 1;
                }
            }
            return i + 1;
        }

        /** True when the flags after {@code (?} at {@code from} turn on m (before any '-'). */
        private static boolean setsMultiLine(String p, int from) {
            for (int i = from; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == 'm') {
                    return true;
                }
                if (c == '-' || c == ':' || c == ')' || !Character.isLetter(c)) {
                    return false;
                }
            }
            return false;
        }
    }
}
