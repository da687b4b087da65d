package ist.spike.nexus.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only syntax that means the same in Go RE2 and java.util.regex gets through; matching is bounded. */
class RegexDialectTest {

    @ParameterizedTest
    @ValueSource(strings = {"^tenants/demo/db/.*$", ".*", "^spiffe://spike\\.ist/workload/.*$", "a|b", "(a|b)+",
        "[a-z0-9_-]+", "[^/]+", "x{2}", "x{2,}", "x{2,5}", "x*?", "x+?", "x??", "x{1,3}?", "(?i)secret", "(?s).",
        "(?:a|b)", "\\d+\\w*\\s?\\.", "[\\d\\-\\]]", "\\A\\z", "\\bword\\B", "a\\{b\\}", "^$", "()", "a]"})
    void sharedSyntaxIsAccepted(String pattern) {
        assertNull(RegexDialect.violation(pattern), pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a)\\1", "\\Qa\\E", "\\p{L}", "\\Z", "\\G", "\\R", "\\h", "\\v", "\\x41", "\\0",
        "a*+", "a++", "a?+", "a{2}+", "a**", "a*??", "(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(?>a)", "(?<n>a)",
        "(?P<n>a)", "(?U)a", "(?x)a", "(?d)a", "a{", "a{x}", "a{1001}", "a{3,2}", "{2}", "*a", "[a[b]]",
        "[[:alpha:]]", "[a&&b]", "[]a]", "[^]a]", "a\\"})
    void syntaxThatDiffersOrRe2RefusesIsRejected(String pattern) {
        assertNotNull(RegexDialect.violation(pattern), pattern);
        assertThrows(InvalidPolicyException.class, () -> PolicyRegex.compile(pattern, "path pattern"));
    }

    @Test
    void syntaxJavaRefusesIsRejectedToo() {
        assertThrows(InvalidPolicyException.class, () -> PolicyRegex.compile("(unclosed", "path pattern"));
        assertThrows(InvalidPolicyException.class, () -> PolicyRegex.compile("[unclosed", "path pattern"));
    }

    @Test
    void findIsUnanchoredAndMatchesWholeIsAnchored() throws Exception {
        PolicyRegex acl = PolicyRegex.compile("acl", "path pattern");
        assertTrue(acl.find("spike/system/acl"));
        assertFalse(acl.matchesWhole("spike/system/acl"));
        PolicyRegex any = PolicyRegex.compile(".*", "path pattern");
        assertTrue(any.matchesWhole("spike/system/acl"));
        PolicyRegex alternation = PolicyRegex.compile("a|spike/system/acl", "path pattern");
        assertTrue(alternation.matchesWhole("spike/system/acl"), "the full-match form groups the alternation");
    }

    @Test
    void catastrophicBacktrackingIsCutOffAndCountsAsNoMatch() throws Exception {
        PolicyRegex evil = PolicyRegex.compile("^(a+)+$", "path pattern");
        String nearMiss = "a".repeat(400) + "!";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(evil.find(nearMiss)));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(evil.matchesWhole(nearMiss)));
        assertTrue(evil.find("aaaa"), "it still matches what it matches quickly");
    }
}
