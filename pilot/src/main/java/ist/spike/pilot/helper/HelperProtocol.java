package ist.spike.pilot.helper;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code spike} and its helper say over the socket: one request (the command line, the relevant
 * variables, whether stdout is a terminal; text is UTF-8) and one answer (exit code, stdout, stderr), or a refusal, after which
 * {@code spike} runs the command itself. Sizes are checked before anything is allocated.
 */
final class HelperProtocol {
    static final int VERSION = 2;
    private static final int MAGIC = 0x53504b48; // "SPKH"
    private static final int ANSWERED = 0;
    private static final int REFUSED = 1;
    private static final int MAX_ITEMS = 10_000;
    private static final int MAX_TEXT = 4 << 20;
    private static final int MAX_OUTPUT = 512 << 20;

    private HelperProtocol() {}

    /** One command line, with the variables of the {@code spike} process that sent it. */
    record Request(List<String> args, Map<String, String> env, boolean stdoutIsTerminal) {}

    /** What the command printed and how it ended. */
    record Answer(int exitCode, byte[] stdout, byte[] stderr) {}

    static void writeRequest(DataOutputStream out, Request request) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(request.args().size());
        for (String arg : request.args()) {
            writeText(out, arg);
        }
        out.writeInt(request.env().size());
        for (Map.Entry<String, String> variable : request.env().entrySet()) {
            writeText(out, variable.getKey());
            writeText(out, variable.getValue());
        }
        out.writeBoolean(request.stdoutIsTerminal());
        out.flush();
    }

    static Request readRequest(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new ProtocolException("not a spike helper request of version " + VERSION);
        }
        int argCount = count(in.readInt());
        List<String> args = new ArrayList<>(argCount);
        for (int i = 0; i < argCount; i++) {
            args.add(readText(in));
        }
        int envCount = count(in.readInt());
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < envCount; i++) {
            env.put(readText(in), readText(in));
        }
        return new Request(List.copyOf(args), env, in.readBoolean());
    }

    static void writeAnswer(DataOutputStream out, Answer answer) throws IOException {
        out.writeInt(ANSWERED);
        out.writeInt(answer.exitCode());
        writeBytes(out, answer.stdout());
        writeBytes(out, answer.stderr());
        out.flush();
    }

    static void writeRefusal(DataOutputStream out) throws IOException {
        out.writeInt(REFUSED);
        out.flush();
    }

    /** The answer, or null when the helper refused the request. */
    static Answer readAnswer(DataInputStream in) throws IOException {
        int kind = in.readInt();
        if (kind == REFUSED) {
            return null;
        }
        if (kind != ANSWERED) {
            throw new ProtocolException("unexpected answer from the spike helper");
        }
        int exitCode = in.readInt();
        return new Answer(exitCode, readBytes(in, MAX_OUTPUT), readBytes(in, MAX_OUTPUT));
    }

    private static int count(int count) throws ProtocolException {
        if (count < 0 || count > MAX_ITEMS) {
            throw new ProtocolException("too many items in a spike helper request");
        }
        return count;
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String readText(DataInputStream in) throws IOException {
        return new String(readBytes(in, MAX_TEXT), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in, int max) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > max) {
            throw new ProtocolException("oversized item in a spike helper message");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new java.io.EOFException("spike helper message cut short");
        }
        return bytes;
    }
}
