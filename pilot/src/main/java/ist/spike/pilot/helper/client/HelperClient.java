package ist.spike.pilot.helper.client;

import ist.spike.common.startup.StartupTrace;
import ist.spike.pilot.command.ExitCodes;
import ist.spike.pilot.helper.HelperProtocol;
import ist.spike.pilot.helper.HelperSettings;
import ist.spike.pilot.helper.HelperSocket;
import ist.spike.pilot.text.Terminal;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The {@code spike} side: hands a command line to the helper for this configuration, if one runs. */
public final class HelperClient {
    private HelperClient() {}

    /**
     * Runs the command line in the helper and prints what it printed. Empty when no helper took the
     * command (none runs for this user and configuration, or it refused): nothing reached Nexus then, and
     * the caller runs the command itself.
     */
    public static OptionalInt run(List<String> args, Map<String, String> env) {
        Optional<Path> socket = HelperSocket.find(env);
        if (socket.isEmpty()) {
            return OptionalInt.empty();
        }
        HelperProtocol.Answer answer;
        try (SocketChannel channel = HelperSocket.connect(socket.get())) {
            if (!send(channel, args, env)) {
                return OptionalInt.empty();
            }
            StartupTrace.mark("helper: request sent");
            try {
                answer = HelperProtocol.readAnswer(new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))));
            } catch (IOException e) {
                // The helper had the whole command: it may have run it, so running it again could store twice.
                System.err.println("Error: the spike helper (" + socket.get() + ") stopped before answering; the"
                        + " command may have run. Check, then retry (SPIKE_PILOT_HELPER=false runs without the helper).");
                return OptionalInt.of(ExitCodes.FAILED);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // No helper (no socket, or a stale one), or another user's: it ran nothing.
            return OptionalInt.empty();
        }
        if (answer == null) {
            StartupTrace.mark("helper: refused");
            return OptionalInt.empty();
        }
        System.out.write(answer.stdout(), 0, answer.stdout().length);
        System.err.write(answer.stderr(), 0, answer.stderr().length);
        StartupTrace.mark("helper: answered");
        return OptionalInt.of(answer.exitCode());
    }

    /** Sends the request; false when the helper went away before reading it (it ran nothing then). */
    private static boolean send(SocketChannel channel, List<String> args, Map<String, String> env) {
        try {
            var request = new HelperProtocol.Request(args, HelperSettings.relevant(env), Terminal.stdoutIsTerminal());
            HelperProtocol.writeRequest(new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel))),
                    request);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
