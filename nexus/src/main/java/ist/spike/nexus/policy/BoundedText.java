package ist.spike.nexus.policy;

/**
 * The subject of one regex match, with a cap on how many characters the engine may look at. Java's
 * regex engine backtracks, so a pattern such as {@code (a+)+$} can take exponential time on a
 * near-miss; RE2, which upstream uses, cannot. Counting {@link #charAt} calls bounds the work of every
 * match, so no policy and no request path can tie up Nexus. A match that runs out of budget is
 * treated as "no match": access is denied, never granted.
 */
final class BoundedText implements CharSequence {
    /** Enough for any sane pattern on any valid SPIFFE ID or path (thousands of times their length). */
    static final int DEFAULT_BUDGET = 1_000_000;

    /** Thrown when a match runs out of budget; carries no stack trace, it is control flow. */
    static final class BudgetExceeded extends RuntimeException {
        private BudgetExceeded() {
            super("regex match exceeded its work budget", null, false, false);
        }
    }

    private static final BudgetExceeded EXCEEDED = new BudgetExceeded();

    private final String text;
    private int remaining;

    BoundedText(String text, int budget) {
        this.text = text;
        this.remaining = budget;
    }

    @Override
    public char charAt(int index) {
        if (--remaining < 0) {
            throw EXCEEDED;
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), remaining);
    }

    @Override
    public String toString() {
        return text;
    }
}
