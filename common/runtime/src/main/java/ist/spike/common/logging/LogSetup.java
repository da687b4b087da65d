package ist.spike.common.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

/** The pieces the programs' logback configurators share. */
public final class LogSetup {
    private LogSetup() {}

    /** A started console appender writing {@code layout} to {@code target} ("System.out" or "System.err"). */
    public static Appender<ILoggingEvent> console(LoggerContext context, String name, LineLayout layout,
            String target) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget(target);
        appender.setEncoder(encoder(context, layout));
        appender.start();
        return appender;
    }

    /** A started encoder writing events as {@code layout} lays them out (the layout is started too). */
    public static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, LineLayout layout) {
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /** The level an environment variable names, or {@code fallback} (as logback's ${VAR:-default} gave it). */
    public static Level level(String variable, Level fallback) {
        return Level.toLevel(System.getenv(variable), fallback);
    }
}
