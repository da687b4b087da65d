package ist.spike.pilot.cli;

import ist.spike.pilot.command.CommandNode;
import ist.spike.pilot.output.Format;
import picocli.CommandLine;

/**
 * What picocli instantiates besides the commands ({@link CommandNode} makes those): converters and
 * option collections. The converter without reflection, which in a fresh JVM costs tens of
 * milliseconds for its first use.
 */
final class PilotFactory implements CommandLine.IFactory {
    static {
        // picocli's default factory otherwise looks for Groovy when it initialises, scanning every jar.
        System.setProperty("picocli.disable.closures", "true");
    }

    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls == Format.Converter.class) {
            return cls.cast(new Format.Converter());
        }
        return fallback.create(cls);
    }
}
