package ist.spike.common.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A log line written by hand instead of by logback's PatternLayout, whose pattern parser and converter
 * chain cost every program start a noticeable share of its first second. The shapes are the ones the
 * programs' logback.xml files used to give:
 * <ul>
 *   <li>{@link #withTime()}: {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n}
 *   <li>{@link #withoutTime()}: {@code %-5level %logger{0}: %msg%n}
 *   <li>{@link #messageOnly()}: {@code %msg%n}
 * </ul>
 * each followed by the stack trace when the event carries one, as PatternLayout adds by default. Control
 * characters in the message, its arguments and exception messages are escaped ({@link LogText}): text from
 * a request or a peer cannot start a line of its own.
 */
public final class LineLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault());

    private final boolean time;
    private final boolean levelAndLogger;

    private LineLayout(boolean time, boolean levelAndLogger) {
        this.time = time;
        this.levelAndLogger = levelAndLogger;
    }

    public static LineLayout withTime() {
        return new LineLayout(true, true);
    }

    public static LineLayout withoutTime() {
        return new LineLayout(false, true);
    }

    public static LineLayout messageOnly() {
        return new LineLayout(false, false);
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160);
        if (time) {
            TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
            line.append(' ');
        }
        if (levelAndLogger) {
            String level = event.getLevel().toString();
            line.append(level);
            for (int i = level.length(); i < 5; i++) {
                line.append(' ');
            }
            String logger = event.getLoggerName();
            line.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(": ");
        }
        LogText.appendEscaped(line, event.getFormattedMessage());
        line.append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            LogText.appendThrowable(line, thrown, "", 1);
            line.append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }
}
