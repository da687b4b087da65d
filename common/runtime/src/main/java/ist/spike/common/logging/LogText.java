package ist.spike.common.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * System log text that stays on its line: messages and their arguments (a keeper's error text, a path
 * from a request) may carry line breaks or terminal escapes, which would let them start a line of their
 * own, for instance one that looks like an audit line. Control characters are written as {@code \n},
 * {@code \r}, {@code \t} or {@code \xNN}.
 */
final class LogText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {}

    static void appendEscaped(StringBuilder out, String text) {
        if (text == null) {
            out.append("null");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != 0x7F && (c < 0x80 || c > 0x9F) && c != '\u2028' && c != '\u2029') {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append("\\x").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
    }

    /**
     * A stack trace as {@code ThrowableProxyUtil.asString} lays it out (one frame per line), but each
     * exception's message escaped: only the layout's own line breaks remain.
     */
    static void appendThrowable(StringBuilder out, IThrowableProxy thrown, String prefix, int depth) {
        if (thrown == null || depth > 16) {
            return;
        }
        String indent = "\t".repeat(depth - 1);
        out.append(indent).append(prefix).append(thrown.getClassName());
        if (thrown.getMessage() != null) {
            out.append(": ");
            appendEscaped(out, thrown.getMessage());
        }
        StackTraceElementProxy[] frames = thrown.getStackTraceElementProxyArray();
        int shown = frames.length - Math.max(0, thrown.getCommonFrames());
        for (int i = 0; i < shown; i++) {
            out.append('\n').append(indent).append("\tat ");
            appendEscaped(out, frames[i].getStackTraceElement().toString());
        }
        if (thrown.getCommonFrames() > 0) {
            out.append('\n').append(indent).append("\t... ").append(thrown.getCommonFrames()).append(" common frames omitted");
        }
        IThrowableProxy[] suppressed = thrown.getSuppressed();
        if (suppressed != null) {
            for (IThrowableProxy s : suppressed) {
                out.append('\n');
                appendThrowable(out, s, "Suppressed: ", depth + 1);
            }
        }
        if (thrown.getCause() != null) {
            out.append('\n');
            appendThrowable(out, thrown.getCause(), "Caused by: ", depth);
        }
    }
}
