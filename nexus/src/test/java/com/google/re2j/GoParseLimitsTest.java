package com.google.re2j;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's parse limits, measured on RE2/J's parse tree, with the boundaries Go itself answers. */
class GoParseLimitsTest {

    private static String shape(String kind, int n) {
        return switch (kind) {
            case "alternation" -> "(a|".repeat(n) + "a" + ")".repeat(n);
            case "group" -> "(".repeat(n) + "a" + ")".repeat(n);
            case "starred-group" -> "(".repeat(n) + "a" + ")*".repeat(n);
            case "concatenation" -> "(b".repeat(n) + "a" + ")".repeat(n);
            case "starred-alternation" -> "(a|".repeat(n) + "a" + ")*".repeat(n);
            case "optional" -> "(a".repeat(n) + ")?".repeat(n);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** The deepest nesting of each shape that go1.19.8's regexp.Compile accepts; one more it refuses. */
    @ParameterizedTest
    @CsvSource({"alternation, 500", "group, 999", "starred-group, 499", "concatenation, 500",
        "starred-alternation, 333", "optional, 333"})
    void nestingStopsWhereGoStops(String kind, int deepest) {
        assertDoesNotThrow(() -> GoParseLimits.check(shape(kind, deepest), GoParseLimits.GO_MAX_SIZE));
        assertDoesNotThrow(() -> Pattern.compile(shape(kind, deepest)), "RE2/J compiles what the limit lets through");
        PatternSyntaxException e = assertThrows(PatternSyntaxException.class,
                () -> GoParseLimits.check(shape(kind, deepest + 1), GoParseLimits.GO_MAX_SIZE));
        assertEquals("expression nests too deeply", e.getDescription());
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a{1000}){2}", "(a{2}){501}", "((a{10}){10}){11}", "((a{1000}){0,}){2}", "(x{2}){0,501}",
        "((a{1000}){1000}){1000}"})
    void nestedRepetitionsOverAThousandCopiesAreRefused(String pattern) {
        PatternSyntaxException e = assertThrows(PatternSyntaxException.class,
                () -> GoParseLimits.check(pattern, GoParseLimits.GO_MAX_SIZE));
        assertEquals("invalid repeat count", e.getDescription());
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a{500}){2}", "((a{10}){10}){10}", "(a{1000}){0}", "(a{1000}){0,}", "(x{2}){0,500}",
        "(a{1000}){1}", "(a{1000})?", "(a{1000}){1,}"})
    void upToAThousandCopiesAreAccepted(String pattern) {
        assertDoesNotThrow(() -> GoParseLimits.check(pattern, GoParseLimits.GO_MAX_SIZE));
    }

    /** The estimate is Go's; RE2/J's program adds two instructions (fail and match) to it. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"x{1000};1000", "[a-z]{1,1000};1999", "(x{2,5});10",
        "^tenants/[a-z0-9-]{1,63}/db/.*$;142", "((a{10}){10}){10};1220", "(abc|abd|aef){100};800"})
    void theSizeLimitIsGosEstimateOfTheProgram(String pattern, long size) {
        assertDoesNotThrow(() -> GoParseLimits.check(pattern, size));
        PatternSyntaxException e = assertThrows(PatternSyntaxException.class,
                () -> GoParseLimits.check(pattern, size - 1));
        assertEquals("expression too large", e.getDescription());
        int program = Pattern.compile(pattern).programSize();
        assertTrue(program >= size && program <= size + 2, "RE2/J's program has " + program + " instructions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(unclosed", "a**", "\\Z", "(?=a)"})
    void whatDoesNotParseIsRefusedWithTheParsersError(String pattern) {
        PatternSyntaxException e = assertThrows(PatternSyntaxException.class,
                () -> GoParseLimits.check(pattern, GoParseLimits.GO_MAX_SIZE));
        PatternSyntaxException compiled = assertThrows(PatternSyntaxException.class, () -> Pattern.compile(pattern));
        assertEquals(compiled.getMessage(), e.getMessage());
    }
}
