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
public final class HelperProtocol {
    public static final int VERSION = 2;
    private static final int MAGIC = 0x53504b48; // "SPKH"
    /** What a request asks: run a command line, or describe the helper. */
    public static final int RUN = 0;
    public static final int STATUS = 1;
    private static final int ANSWERED = 0;
    private static final int REFUSED = 1;
    private static final int MAX_ITEMS = 10_000;
    private static final int MAX_TEXT = 4 << 20;
    private static final int MAX_REQUEST = 16 << 20;
    private static final int MAX_OUTPUT = 512 << 20;

    private HelperProtocol() {}

    /** One command line, with the variables of the {@code spike} process that sent it. */
    public record Request(List<String> args, Map<String, String> env, boolean stdoutIsTerminal) {}

    /** The helper's own state, for {@code spike helper status}: how its memory hardening went, its idle timeout. */
    public record Status(long pid, String memoryLock, String coreDumps, String idleTimeout) {}

    /** What the command printed and how it ended. */
    public record Answer(int exitCode, byte[] stdout, byte[] stderr) {}

    public static void writeRequest(DataOutputStream out, Request request) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(RUN);
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

    public static void writeStatusRequest(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(STATUS);
        out.flush();
    }

    /** {@link #RUN} or {@link #STATUS}; for RUN, {@link #readRequest} reads the rest. */
    public static int readKind(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new ProtocolException("not a spike helper request of version " + VERSION);
        }
        int kind = in.readInt();
        if (kind != RUN && kind != STATUS) {
            throw new ProtocolException("unknown spike helper request " + kind);
        }
        return kind;
    }

    /** At most {@value #MAX_REQUEST} bytes of text, whatever the counts say, before anything is run. */
    public static Request readRequest(DataInputStream in) throws IOException {
        int[] budget = {MAX_REQUEST};
        int argCount = count(in.readInt());
        List<String> args = new ArrayList<>(argCount);
        for (int i = 0; i < argCount; i++) {
            args.add(readText(in, budget));
        }
        int envCount = count(in.readInt());
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < envCount; i++) {
            env.put(readText(in, budget), readText(in, budget));
        }
        return new Request(List.copyOf(args), env, in.readBoolean());
    }

    public static void writeAnswer(DataOutputStream out, Answer answer) throws IOException {
        out.writeInt(ANSWERED);
        out.writeInt(answer.exitCode());
        writeBytes(out, answer.stdout());
        writeBytes(out, answer.stderr());
        out.flush();
    }

    public static void writeStatus(DataOutputStream out, Status status) throws IOException {
        out.writeInt(ANSWERED);
        out.writeLong(status.pid());
        writeText(out, status.memoryLock());
        writeText(out, status.coreDumps());
        writeText(out, status.idleTimeout());
        out.flush();
    }

    public static Status readStatus(DataInputStream in) throws IOException {
        if (in.readInt() != ANSWERED) {
            throw new ProtocolException("unexpected answer from the spike helper");
        }
        long pid = in.readLong();
        int[] budget = {MAX_TEXT};
        return new Status(pid, readText(in, budget), readText(in, budget), readText(in, budget));
    }

    public static void writeRefusal(DataOutputStream out) throws IOException {
        out.writeInt(REFUSED);
        out.flush();
    }

    /** The answer, or null when the helper refused the request. */
    public static Answer readAnswer(DataInputStream in) throws IOException {
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

    private static String readText(DataInputStream in, int[] budget) throws IOException {
        byte[] bytes = readBytes(in, Math.min(MAX_TEXT, budget[0]));
        budget[0] -= bytes.length;
        return new String(bytes, StandardCharsets.UTF_8);
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
