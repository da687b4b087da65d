package ist.spike.nexus.policy;

/**
 * Policy patterns are Go RE2 expressions upstream; Nexus compiles them with java.util.regex. This
 * gate admits only the part of the syntax that means the same in both engines, and refuses the rest
 * at write time, so a pattern can never silently grant something else than it would upstream.
 *
 * <p>Refused (each either means something else in Java, or RE2 refuses it too):
 * <ul>
 *   <li>backreferences and octal escapes ({@code \1}); {@code \Q..\E}; {@code \p{..}}; Java-only
 *       escapes such as {@code \G \Z \R \X \h \v}: only {@code \d \D \s \S \w \W \b \B \A \z \t \n \r \f}
 *       and escaped punctuation are allowed;
 *   <li>group constructs other than {@code (?:...)} and inline flags {@code i m s}: no lookaround,
 *       atomic or named groups, no {@code (?U)} (ungreedy in Go, Unicode classes in Java);
 *   <li>possessive quantifiers ({@code a*+}) and any other quantifier on a quantifier ({@code a**});
 *   <li>{@code {} that is not a repetition {@code {n}}, {@code {n,}}, {@code {n,m}} with counts up to
 *       1000 (RE2's limit; Go reads a malformed one as a literal, Java fails);
 *   <li>inside a character class: an unescaped {@code [} (a nested class or union in Java, a literal
 *       in Go, and POSIX classes like {@code [[:alpha:]]}), {@code &&} (intersection in Java), and a
 *       {@code ]} first (write {@code \]}).
 * </ul>
 * Java's backtracking can still be slow on nested quantifiers such as {@code (a+)+}; {@link BoundedText}
 * caps the work of every match instead.
 */
final class RegexDialect {
    static final int MAX_REPEAT = 1000;

    private RegexDialect() {}

    /** Null when {@code pattern} stays inside the shared dialect, else why it does not. */
    static String violation(String pattern) {
        boolean inClass = false;
        boolean classStart = false;
        // What the previous token was, for quantifier checks.
        Token previous = Token.START;
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (inClass) {
                if (classStart && c == '^') {
                    i++;
                    continue;
                }
                if (classStart && c == ']') {
                    return "a ']' first in a character class (escape it as \\])";
                }
                classStart = false;
                switch (c) {
                    case ']' -> inClass = false;
                    case '[' -> {
                        return "'[' inside a character class (nested classes and POSIX classes differ between engines)";
                    }
                    case '&' -> {
                        if (i + 1 < n && pattern.charAt(i + 1) == '&') {
                            return "'&&' inside a character class (class intersection exists only in Java)";
                        }
                    }
                    case '\\' -> {
                        String bad = escape(pattern, i, true);
                        if (bad != null) {
                            return bad;
                        }
                        i++;
                    }
                    default -> { }
                }
                i++;
                if (!inClass) {
                    previous = Token.ATOM;
                }
                continue;
            }
            switch (c) {
                case '\\' -> {
                    String bad = escape(pattern, i, false);
                    if (bad != null) {
                        return bad;
                    }
                    i += 2;
                    previous = Token.ATOM;
                }
                case '[' -> {
                    inClass = true;
                    classStart = true;
                    i++;
                }
                case '(' -> {
                    if (i + 1 < n && pattern.charAt(i + 1) == '?') {
                        int end = groupPrefixEnd(pattern, i + 2);
                        if (end < 0) {
                            return "group construct at " + i + " (only (?:...) and the inline flags i, m, s are allowed)";
                        }
                        boolean flagsOnly = pattern.charAt(end) == ')';
                        i = end + 1;
                        previous = flagsOnly ? Token.FLAGS : Token.OPEN;
                    } else {
                        i++;
                        previous = Token.OPEN;
                    }
                }
                case '*', '+', '?' -> {
                    String bad = quantifierAfter(previous, c, i);
                    if (bad != null) {
                        return bad;
                    }
                    previous = previous == Token.QUANTIFIER && c == '?' ? Token.LAZY : Token.QUANTIFIER;
                    i++;
                }
                case '{' -> {
                    int end = repetitionEnd(pattern, i);
                    if (end < 0) {
                        return "'{' at " + i + " that is not a repetition {n}, {n,} or {n,m} with counts up to "
                                + MAX_REPEAT + " (escape a literal brace as \\{)";
                    }
                    String bad = quantifierAfter(previous, '{', i);
                    if (bad != null) {
                        return bad;
                    }
                    previous = Token.QUANTIFIER;
                    i = end + 1;
                }
                case '|' -> {
                    previous = Token.OPEN;
                    i++;
                }
                default -> {
                    previous = Token.ATOM;
                    i++;
                }
            }
        }
        return null;
    }

    private enum Token { START, OPEN, FLAGS, ATOM, QUANTIFIER, LAZY }

    /** A quantifier needs something to repeat; on a quantifier only one '?' (lazy) is allowed. */
    private static String quantifierAfter(Token previous, char c, int at) {
        return switch (previous) {
            case ATOM -> null;
            case QUANTIFIER -> c == '?' ? null
                    : "quantifier on a quantifier at " + at + " (possessive and nested repetitions are not allowed)";
            case LAZY -> "quantifier on a quantifier at " + at + " (possessive and nested repetitions are not allowed)";
            default -> "quantifier with nothing to repeat at " + at;
        };
    }

    /** After "(?": flags from i, m, s (an optional '-' between), then ')' or ':'; index of that char, or -1. */
    private static int groupPrefixEnd(String pattern, int from) {
        int i = from;
        boolean dash = false;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == ')' || c == ':') {
                return c == ')' && i == from ? -1 : i;
            }
            if (c == '-' && !dash) {
                dash = true;
            } else if (c != 'i' && c != 'm' && c != 's') {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** Index of the '}' closing a well-formed repetition starting at {@code open}, or -1. */
    private static int repetitionEnd(String pattern, int open) {
        int close = pattern.indexOf('}', open);
        if (close < 0) {
            return -1;
        }
        String body = pattern.substring(open + 1, close);
        String[] parts = body.split(",", -1);
        if (parts.length > 2 || !isCount(parts[0])) {
            return -1;
        }
        if (parts.length == 2 && !parts[1].isEmpty()) {
            if (!isCount(parts[1]) || Integer.parseInt(parts[1]) < Integer.parseInt(parts[0])) {
                return -1;
            }
        }
        return close;
    }

    private static boolean isCount(String digits) {
        if (digits.isEmpty() || digits.length() > 4) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(digits) <= MAX_REPEAT;
    }

    /** Checks the escape starting at {@code at} (a backslash); null when it is allowed. */
    private static String escape(String pattern, int at, boolean inClass) {
        if (at + 1 >= pattern.length()) {
            return "a trailing backslash";
        }
        char e = pattern.charAt(at + 1);
        if (e < 128 && !Character.isLetterOrDigit(e)) {
            return null; // escaped punctuation is a literal in both engines
        }
        String allowed = inClass ? "dDsSwWtnrf" : "dDsSwWbBAztnrf";
        if (allowed.indexOf(e) >= 0) {
            return null;
        }
        return "escape \\" + e + " at " + at + " (backreferences, \\Q..\\E, \\p{..} and Java-only escapes are not allowed)";
    }
}
