package ist.spike.pilot.status;

import static ist.spike.pilot.command.CommandNode.command;

import ist.spike.pilot.command.CommandNode;

/** {@code spike status}. */
public final class StatusCommand {
    public static final CommandNode NODE = command("status", SpikeStatus::new);

    private StatusCommand() {}
}
