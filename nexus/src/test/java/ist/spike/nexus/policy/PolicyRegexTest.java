package ist.spike.nexus.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Policy patterns are read as Go's regexp reads them (RE2 syntax), where Java's java.util.regex would
 * read some of them otherwise or refuse them. {@link GoRegexpParityTest} compares many more with
 * answers recorded from Go.
 */
class PolicyRegexTest {

    private static PolicyRegex compile(String pattern) throws InvalidPolicyException {
        return PolicyRegex.compile(pattern, "path pattern");
    }

    @ParameterizedTest
    @ValueSource(strings = {"^tenants/demo/db/.*$", ".*", "^spiffe://spike\\.ist/workload/.*$", "a|b", "(a|b)+",
        "[a-z0-9_-]+", "[^/]+", "x{2}", "x{2,}", "x{2,5}", "x*?", "x+?", "x??", "x{1,3}?", "(?i)secret", "(?s).",
        "(?:a|b)", "\\d+\\w*\\s?\\.", "[\\d\\-\\]]", "\\A\\z", "\\bword\\B", "a\\{b\\}", "^$", "()", "a]",
        // Valid in Go, refused by the dialect gate Nexus had before RE2/J:
        "\\Qa.b\\E", "\\pL", "\\p{Greek}", "\\PL", "[[:alpha:]]", "[[:^digit:]]", "\\x41", "\\x{263a}", "\\0", "\\v",
        "(?P<n>a)", "(?<n>a)", "(?U)a+", "a{", "a{x}", "a{,5}", "[a[b]]", "[a&&b]", "[]a]", "[^]a]", "(a{100}){10}"})
    void goSyntaxIsAccepted(String pattern) {
        assertDoesNotThrow(() -> compile(pattern), pattern);
    }

    /** Java-only syntax, and what Go refuses too: possessive quantifiers, \Z, lookaround, backreferences. */
    @ParameterizedTest
    @ValueSource(strings = {"a*+", "a++", "a?+", "a{2}+", "a**", "a*??", "\\Z", "\\G", "\\R", "\\h", "\\e",
        "(a)\\1", "\\1", "\\8", "(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "(?>a)", "(?x)a", "(?d)a",
        "a{1001}", "a{3,2}", "{2}", "*a", "a\\", "(unclosed", "[unclosed", "a)", "[[:foo:]]", "[z-a]", "\\p{Klingon}",
        "\\C", "(a{1000}){2}", "((a{10}){10}){11}"})
    void syntaxGoRefusesIsRefused(String pattern) {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> compile(pattern), pattern);
        assertTrue(e.getMessage().startsWith("path pattern '" + pattern + "' is not a valid regular expression: "),
                e.getMessage());
    }

    @Test
    void theErrorSaysWhatIsWrong() {
        InvalidPolicyException backreference = assertThrows(InvalidPolicyException.class, () -> compile("(a)\\1"));
        assertEquals("path pattern '(a)\\1' is not a valid regular expression: invalid escape sequence: `\\1`",
                backreference.getMessage());
        InvalidPolicyException possessive = assertThrows(InvalidPolicyException.class, () -> compile("a*+"));
        assertEquals("path pattern 'a*+' is not a valid regular expression: invalid nested repetition operator: `*+`",
                possessive.getMessage());
        InvalidPolicyException tooMany = assertThrows(InvalidPolicyException.class, () -> compile("(a{1000}){2}"));
        assertEquals("path pattern '(a{1000}){2}' is not a valid regular expression: invalid repeat count",
                tooMany.getMessage());
    }

    @Test
    void findIsUnanchoredAndMatchesWholeIsAnchored() throws Exception {
        PolicyRegex acl = compile("acl");
        assertTrue(acl.find("spike/system/acl"));
        assertFalse(acl.matchesWhole("spike/system/acl"));
        PolicyRegex any = compile(".*");
        assertTrue(any.matchesWhole("spike/system/acl"));
        PolicyRegex alternation = compile("a|spike/system/acl");
        assertTrue(alternation.matchesWhole("spike/system/acl"), "the full-match form groups the alternation");
        assertTrue(compile("a|ab").matchesWhole("ab"), "a shorter first alternative does not end the search");
        assertFalse(compile("(?m)a").matchesWhole("a\nb"), "an inner (?m) does not reach the outer anchors");
        assertTrue(compile("\\Qspike/system/acl").find("spike/system/acl"));
        assertFalse(compile("\\Qspike/system/acl").matchesWhole("spike/system/acl"),
                "an open \\Q swallows the full-match form's )$, which then does not compile: as upstream, no match");
    }

    @Test
    void inlineFlags() throws Exception {
        assertTrue(compile("(?i)^spike/SYSTEM$").find("spike/system"));
        assertFalse(compile("^spike/SYSTEM$").find("spike/system"));
        assertTrue(compile("^spike/(?i:SYS)tem$").find("spike/system"));
        assertFalse(compile("^spike/(?i:SYS)TEM$").find("spike/system"), "the flag ends with its group");
        assertTrue(compile("(?i)k").find("\u212a"), "case folding is Unicode's, as in Go (Kelvin sign)");
        assertFalse(compile("a.b").find("a\nb"));
        assertTrue(compile("(?s)a.b").find("a\nb"));
        assertTrue(compile("(?m)^b$").find("a\nb"));
        assertTrue(compile("(?U)^a+").find("aaa"));
    }

    @Test
    void endOfTextIsTheEndOfTheText() throws Exception {
        // Go's $ (without m) and \z are the end of the text; Java's $ also matches before a final newline.
        assertFalse(compile("a$").find("a\n"));
        assertFalse(compile("a\\z").find("a\n"));
        assertTrue(compile("a\\z").find("ba"));
        assertThrows(InvalidPolicyException.class, () -> compile("a\\Z"), "\\Z is Java's, not Go's");
    }

    @Test
    void unicodeAndPosixClasses() throws Exception {
        assertTrue(compile("^\\pL+$").find("tenantsé"));
        assertFalse(compile("^\\pL+$").find("tenants1"));
        assertTrue(compile("^\\p{Greek}+$").find("αβγ"));
        assertFalse(compile("^\\p{Greek}+$").find("abc"));
        assertTrue(compile("^[[:alpha:]]+$").find("tenants"));
        assertFalse(compile("^[[:alpha:]]+$").find("tenants/db"), "a POSIX class, not the characters [:alph]");
        assertFalse(compile("^[[:alpha:]]+$").find("é"), "POSIX classes are ASCII, as in Go");
        assertFalse(compile("^\\w+$").find("é"), "so is \\w");
        assertTrue(compile("^[a[b]+$").find("a[b"), "'[' in a class is a literal, not a nested class");
        assertTrue(compile("^[a&&b]+$").find("&"), "'&&' in a class is two literals, not an intersection");
    }

    @Test
    void lookaroundAndBackreferencesAreRefused() {
        for (String pattern : new String[] {"^secrets/(?=db)", "(?!x)a", "(?<=spike/)acl", "(?<!x)a", "^(a)\\1$"}) {
            assertThrows(InvalidPolicyException.class, () -> compile(pattern), pattern);
        }
    }

    @Test
    void nestedQuantifiersAreLinearAndCorrect() throws Exception {
        // Exponential for a backtracking engine on a near miss; answered right, with no work budget.
        PolicyRegex nested = compile("(a+)+$");
        String nearMiss = "a".repeat(100_000) + "b";
        assertFalse(nested.find(nearMiss));
        assertFalse(nested.matchesWhole(nearMiss));
        assertTrue(nested.find("b" + "a".repeat(100_000)));
        assertTrue(compile("^(a|aa)+$").matchesWhole("a".repeat(100_000)));
        assertFalse(compile("^(a|aa)+$").matchesWhole("a".repeat(100_000) + "!"));
    }

    @Test
    void patternsLongerThanTheLimitAreRefusedBeforeParsing() throws Exception {
        compile("a".repeat(PolicyRegex.MAX_LENGTH));
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> compile("a".repeat(PolicyRegex.MAX_LENGTH + 1)));
        assertEquals("path pattern is 4097 characters long; at most 4096 are accepted", e.getMessage());
    }

    @Test
    void programsLargerThanTheLimitAreRefused() throws Exception {
        compile("[a-z]{1000}".repeat(9)); // 9,000 instructions
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> compile("[a-z]{1000}".repeat(11)));
        assertTrue(e.getMessage().endsWith("expression too large"), e.getMessage());
        // Go's own limit on nested repetitions keeps RE2/J from expanding this to a billion instructions.
        assertThrows(InvalidPolicyException.class, () -> compile("((a{1000}){1000}){1000}"));
    }

    @Test
    void deepNestingIsRefusedAsGoRefusesIt() {
        InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
                () -> compile("(".repeat(1000) + "a" + ")".repeat(1000)));
        assertTrue(e.getMessage().endsWith("' (2001 characters) is not a valid regular expression: "
                + "expression nests too deeply"), "the message shows the start of a long pattern: " + e.getMessage());
    }

    @Test
    void aStackTooSmallToCompileIsARefusalNotACrash() throws Exception {
        // Deep enough for a thread with a 64 KiB stack to overflow, shallow enough for Go's limit.
        String deep = "(".repeat(999) + "a" + ")".repeat(999);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                compile(deep);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "small-stack", 64 * 1024);
        small.start();
        small.join();
        assertTrue(outcome.get() instanceof InvalidPolicyException, String.valueOf(outcome.get()));
        assertDoesNotThrow(() -> compile(deep), "on an ordinary stack it compiles");
    }
}
