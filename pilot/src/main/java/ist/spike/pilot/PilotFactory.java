package ist.spike.pilot;

import picocli.CommandLine;

/** Lets picocli build command objects that need the shared {@link PilotContext}. */
final class PilotFactory implements CommandLine.IFactory {
    private final PilotContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    PilotFactory(PilotContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (var constructor : cls.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == PilotContext.class) {
                constructor.setAccessible(true);
                return cls.cast(constructor.newInstance(context));
            }
        }
        return fallback.create(cls);
    }
}
