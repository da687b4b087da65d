package ist.spike.nexus.policy;

import com.google.re2j.GoParseLimits;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * One policy pattern, compiled once with RE2/J, the Java port of Go's {@code regexp} that upstream
 * uses: same syntax, same answers, matching in time linear in the text
 * (docs/adr/0005-policy-regex-engine-re2j.md). {@link #find} is upstream's unanchored
 * {@code MatchString}; {@link #matchesWhole} is its full-match form {@code ^(?:pattern)$} (used for
 * reserved paths).
 */
final class PolicyRegex {
    /**
     * Longer patterns are refused before they are parsed: RE2/J's parser slows down more than linearly
     * on very long literals. Path patterns are at most 500 characters anyway; a SPIFFE ID is at most
     * 2048 bytes.
     */
    static final int MAX_LENGTH = 4096;
    /**
     * The largest compiled program accepted, in instructions (Go allows about 3.3 million). Every
     * policy stays compiled in Nexus's heap and every check runs the program, and counted repetitions
     * are expanded: {@code [a-z]{1,1000}} alone is about two thousand instructions.
     */
    static final long MAX_PROGRAM_SIZE = 10_000;
    /** How much of a pattern an error message shows: a message is one log line. */
    private static final int SHOWN_LENGTH = 200;

    private final String source;
    private final Pattern unanchored;
    /** Null when {@code ^(?:pattern)$} does not compile: then, as upstream, it matches nothing. */
    private final Pattern whole;

    private PolicyRegex(String source, Pattern unanchored, Pattern whole) {
        this.source = source;
        this.unanchored = unanchored;
        this.whole = whole;
    }

    /**
     * @param what names the field in the error ("path pattern", "SPIFFE ID pattern")
     * @throws InvalidPolicyException when Go would refuse the pattern, or it is longer or larger than
     *                                Nexus accepts
     */
    static PolicyRegex compile(String source, String what) throws InvalidPolicyException {
        if (source.length() > MAX_LENGTH) {
            throw new InvalidPolicyException(what + " is " + source.length() + " characters long; at most "
                    + MAX_LENGTH + " are accepted");
        }
        try {
            GoParseLimits.check(source, MAX_PROGRAM_SIZE);
            return new PolicyRegex(source, Pattern.compile(source), wholeForm(source));
        } catch (PatternSyntaxException e) {
            String at = e.getPattern();
            String where = at.isEmpty() || at.equals(source) || at.length() > SHOWN_LENGTH ? "" : ": `" + at + "`";
            throw new InvalidPolicyException(what + " " + shown(source) + " is not a valid regular expression: "
                    + e.getDescription() + where);
        } catch (StackOverflowError e) {
            // The parse tree is at most as deep as Go allows, but RE2/J compiles it recursively and a
            // thread with a small stack can still run out.
            throw new InvalidPolicyException(what + " " + shown(source) + " nests too deeply to compile");
        }
    }

    private static String shown(String source) {
        return source.length() <= SHOWN_LENGTH ? "'" + source + "'"
                : "'" + source.substring(0, SHOWN_LENGTH) + "...' (" + source.length() + " characters)";
    }

    /**
     * Upstream's full-match form, compiled as upstream compiles it. It differs from anchoring the
     * pattern only when the pattern leaves {@code \Q} open, which swallows the closing {@code )$}.
     */
    private static Pattern wholeForm(String source) {
        String wrapped = "^(?:" + source + ")$";
        try {
            GoParseLimits.check(wrapped, MAX_PROGRAM_SIZE);
            return Pattern.compile(wrapped);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    String source() {
        return source;
    }

    /** True when the pattern matches anywhere in {@code text}. */
    boolean find(String text) {
        return unanchored.matcher(text).find();
    }

    /** True when the pattern's full-match form matches {@code text}. */
    boolean matchesWhole(String text) {
        return whole != null && whole.matcher(text).find();
    }

    @Override
    public String toString() {
        return source;
    }
}
