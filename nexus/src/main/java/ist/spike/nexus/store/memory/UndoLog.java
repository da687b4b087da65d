package ist.spike.nexus.store.memory;

import java.util.ArrayDeque;
import java.util.Deque;

/** Steps that reverse a write operation's changes, run newest first when the operation fails. */
final class UndoLog {
    private final Deque<Runnable> steps = new ArrayDeque<>();

    void record(Runnable undo) {
        steps.push(undo);
    }

    void rollBack() {
        while (!steps.isEmpty()) {
            steps.pop().run();
        }
    }
}
