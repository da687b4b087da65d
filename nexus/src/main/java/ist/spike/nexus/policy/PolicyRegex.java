package ist.spike.nexus.policy;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One policy pattern, compiled once: {@link #find} is upstream's unanchored {@code MatchString},
 * {@link #matchesWhole} is its full-match form {@code ^(?:pattern)$} (used for reserved paths).
 * Every match runs on a {@link BoundedText}; running out of budget counts as no match.
 */
final class PolicyRegex {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyRegex.class);

    private final String source;
    private final Pattern unanchored;
    private final Pattern whole;
    private volatile boolean warned;

    private PolicyRegex(String source, Pattern unanchored, Pattern whole) {
        this.source = source;
        this.unanchored = unanchored;
        this.whole = whole;
    }

    /**
     * @param what names the field in the error ("path pattern", "SPIFFE ID pattern")
     * @throws InvalidPolicyException when the pattern leaves the shared RE2/Java dialect or does not compile
     */
    static PolicyRegex compile(String source, String what) throws InvalidPolicyException {
        String violation = RegexDialect.violation(source);
        if (violation != null) {
            throw new InvalidPolicyException(what + " '" + source + "' uses " + violation);
        }
        try {
            return new PolicyRegex(source, Pattern.compile(source), Pattern.compile("^(?:" + source + ")$"));
        } catch (PatternSyntaxException e) {
            throw new InvalidPolicyException(what + " '" + source + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    String source() {
        return source;
    }

    /** True when the pattern matches anywhere in {@code text}. */
    boolean find(String text) {
        try {
            return unanchored.matcher(new BoundedText(text, BoundedText.DEFAULT_BUDGET)).find();
        } catch (BoundedText.BudgetExceeded e) {
            return tooSlow();
        }
    }

    /** True when the pattern matches all of {@code text}. */
    boolean matchesWhole(String text) {
        try {
            return whole.matcher(new BoundedText(text, BoundedText.DEFAULT_BUDGET)).matches();
        } catch (BoundedText.BudgetExceeded e) {
            return tooSlow();
        }
    }

    /** Once per pattern, so a caller cannot flood the log by repeating a slow request. */
    private boolean tooSlow() {
        if (!warned) {
            warned = true;
            LOG.warn("policy pattern '{}' exceeded its matching budget and was treated as not matching; "
                    + "nested quantifiers such as (a+)+ backtrack badly, simplify the pattern", source);
        }
        return false;
    }

    @Override
    public String toString() {
        return source;
    }
}
