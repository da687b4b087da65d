package ist.spike.common.testsupport;

import java.util.List;

/** The running threads of a given name, to check that a component's thread ends when it is closed. */
public final class LiveThreads {
    private LiveThreads() {}

    public static List<Thread> named(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive())
                .toList();
    }
}
