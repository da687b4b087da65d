package ist.spike.pilot.text;

import ist.spike.pilot.command.UsageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The CLI's one text encoding. Arguments, files and standard input are UTF-8 whatever the locale, and
 * bytes that are not valid UTF-8 are refused: decoding them leniently would turn a secret into U+FFFD
 * characters and store that without a word.
 */
public final class Utf8 {
    private Utf8() {}

    /** The text {@code bytes} encode, or a {@link UsageException} naming {@code what} (exit 1, nothing sent). */
    public static String decode(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(what + " is not valid UTF-8");
        }
    }
}
