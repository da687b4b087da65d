package ist.spike.common.wire;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Go's string escaping on output: besides JSON's own escapes, {@code <}, {@code >}, {@code &}, U+2028 and
 * U+2029 are written as six-character escapes with lower-case hex (backslash, 'u', then 003c, 003e, 0026,
 * 2028, 2029). Other control characters use Jackson's standard escapes, which match Go's once hex digits
 * are lower-case. (The escapes are spelled out in words because javac decodes them even in comments.)
 */
final class GoCharacterEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    private final int[] asciiEscapes;

    GoCharacterEscapes() {
        asciiEscapes = standardAsciiEscapesForJSON();
        asciiEscapes['<'] = ESCAPE_CUSTOM;
        asciiEscapes['>'] = ESCAPE_CUSTOM;
        asciiEscapes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return asciiEscapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return switch (ch) {
            case '<', '>', '&', 0x2028, 0x2029 -> new SerializedString(String.format("\\u%04x", ch));
            default -> null;
        };
    }
}
