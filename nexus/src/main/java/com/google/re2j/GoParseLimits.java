package com.google.re2j;

/**
 * The limits Go's regexp parser puts on an expression, which RE2/J, its Java port, does not have.
 * Without them a short pattern can exhaust memory or the stack: RE2/J expands counted repetitions
 * when it compiles, so {@code ((a{1000}){1000}){1000}} would become a billion instructions, and it
 * simplifies and compiles the parse tree recursively. Go refuses such expressions while parsing; this
 * class measures RE2/J's parse tree the same way before anything is expanded, following Go's
 * {@code regexp/syntax/parse.go} ({@code repeatIsValid}, {@code calcHeight}, {@code calcSize}).
 *
 * <p>It lives in RE2/J's package because that parse tree is package-private there. Go's cap on the
 * characters held by character classes is not repeated: callers cap the pattern's length instead
 * (docs/adr/0005-policy-regex-engine-re2j.md).
 */
public final class GoParseLimits {
    /** Go's {@code maxHeight}: the deepest parse tree it accepts. */
    public static final int MAX_HEIGHT = 1000;
    /** Go's limit on a counted repetition, and on the product of nested ones. */
    public static final int MAX_REPEAT = 1000;
    /** Go's {@code maxSize}: 128 MiB of 40-byte instructions. */
    public static final long GO_MAX_SIZE = (128L << 20) / 40;

    private GoParseLimits() {}

    /**
     * Parses {@code pattern} as {@link Pattern#compile} does and refuses it, with Go's error text, when
     * the parse tree is deeper than Go allows, when nested counted repetitions multiply past
     * {@link #MAX_REPEAT}, or when the compiled program would exceed {@code maxSize} instructions.
     *
     * @throws PatternSyntaxException when the pattern does not parse or breaks a limit
     */
    public static void check(String pattern, long maxSize) {
        Regexp tree = Parser.parse(pattern, RE2.PERL);
        if (height(tree, 1) > MAX_HEIGHT) {
            throw new PatternSyntaxException("expression nests too deeply", pattern);
        }
        if (!repeatsValid(tree)) {
            throw new PatternSyntaxException("invalid repeat count", pattern);
        }
        if (size(tree) > maxSize) {
            throw new PatternSyntaxException("expression too large", pattern);
        }
    }

    /** The height of the tree below {@code re} (at {@code depth}); stops looking once past the limit. */
    private static int height(Regexp re, int depth) {
        int deepest = depth;
        for (Regexp sub : subs(re)) {
            if (deepest > MAX_HEIGHT) {
                break;
            }
            deepest = Math.max(deepest, height(sub, depth + 1));
        }
        return deepest;
    }

    /** Go checks every repetition with a count of 2 or more as it is parsed. */
    private static boolean repeatsValid(Regexp re) {
        if (re.op == Regexp.Op.REPEAT && (re.min >= 2 || re.max >= 2) && !repeatIsValid(re, MAX_REPEAT)) {
            return false;
        }
        for (Regexp sub : subs(re)) {
            if (!repeatsValid(sub)) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code repeatIsValid}: {@code re} and the repetitions nested in it make at most n copies. */
    private static boolean repeatIsValid(Regexp re, int n) {
        if (re.op == Regexp.Op.REPEAT) {
            int m = re.max;
            if (m == 0) {
                return true;
            }
            if (m < 0) {
                m = re.min;
            }
            if (m > n) {
                return false;
            }
            if (m > 0) {
                n /= m;
            }
        }
        for (Regexp sub : subs(re)) {
            if (!repeatIsValid(sub, n)) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code calcSize}: the instructions the compiled program will have, estimated from the tree. */
    private static long size(Regexp re) {
        long size = switch (re.op) {
            case LITERAL -> re.runes == null ? 0 : re.runes.length;
            case CAPTURE, STAR -> 2 + size(re.subs[0]); // a star takes one or two; assume two
            case PLUS, QUEST -> 1 + size(re.subs[0]);
            case CONCAT -> sum(subs(re));
            case ALTERNATE -> sum(subs(re)) + Math.max(subs(re).length - 1, 0);
            case REPEAT -> {
                long sub = size(re.subs[0]);
                if (re.max == -1) {
                    yield re.min == 0 ? 2 + sub : 1 + re.min * sub; // x* or xxx+
                }
                yield re.max * sub + (re.max - re.min); // x{2,5} = xx(x(x(x)?)?)?
            }
            default -> 0;
        };
        return Math.max(size, 1);
    }

    /** A node's children; the parser leaves {@code subs} null on some leaves. */
    private static Regexp[] subs(Regexp re) {
        return re.subs == null ? Regexp.EMPTY_SUBS : re.subs;
    }

    private static long sum(Regexp[] subs) {
        long total = 0;
        for (Regexp sub : subs) {
            total += size(sub);
        }
        return total;
    }
}
