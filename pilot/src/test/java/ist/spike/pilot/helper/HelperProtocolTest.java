package ist.spike.pilot.helper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelperProtocolTest {
    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static DataInputStream written(Writing writing) throws IOException {
        var bytes = new ByteArrayOutputStream();
        writing.to(new DataOutputStream(bytes));
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void requestsKeepArgumentsVariablesAndTheTerminalFlag() throws Exception {
        var request = new HelperProtocol.Request(List.of("secret", "put", "a/b", "k=välue ✓", ""),
                Map.of("SPIKE_NEXUS_API_URL", "https://n", "LANG", ""), true);
        var in = written(out -> HelperProtocol.writeRequest(out, request));
        assertEquals(HelperProtocol.RUN, HelperProtocol.readKind(in));
        assertEquals(request, HelperProtocol.readRequest(in));
    }

    @Test
    void answersKeepBytesAndExitCode() throws Exception {
        byte[] stdout = "k: välue\n".getBytes(StandardCharsets.UTF_8);
        byte[] stderr = {(byte) 0xff, 0, 10};
        var answer = HelperProtocol.readAnswer(written(out ->
                HelperProtocol.writeAnswer(out, new HelperProtocol.Answer(2, stdout, stderr))));
        assertEquals(2, answer.exitCode());
        assertArrayEquals(stdout, answer.stdout());
        assertArrayEquals(stderr, answer.stderr());
        assertNull(HelperProtocol.readAnswer(written(HelperProtocol::writeRefusal)));
    }

    /** A whole request as the helper reads it: the kind, then the command line. */
    private static HelperProtocol.Request parse(DataInputStream in) throws Exception {
        HelperProtocol.readKind(in);
        return HelperProtocol.readRequest(in);
    }

    @Test
    void refusesWhatIsNotARequest() throws Exception {
        assertThrows(ProtocolException.class, () -> parse(written(out -> out.writeBytes("GET / HTTP/1.1\r\n"))));
        assertThrows(ProtocolException.class, () -> parse(written(out -> {
            out.writeInt(0x53504b48);
            out.writeInt(HelperProtocol.VERSION + 1);
        })));
        assertThrows(ProtocolException.class, () -> parse(written(out -> {
            out.writeInt(0x53504b48);
            out.writeInt(HelperProtocol.VERSION);
            out.writeInt(7); // no such kind
        })));
        assertThrows(ProtocolException.class, () -> parse(written(out -> {
            out.writeInt(0x53504b48);
            out.writeInt(HelperProtocol.VERSION);
            out.writeInt(HelperProtocol.RUN);
            out.writeInt(Integer.MAX_VALUE); // argument count
        })));
        assertThrows(ProtocolException.class, () -> parse(written(out -> {
            out.writeInt(0x53504b48);
            out.writeInt(HelperProtocol.VERSION);
            out.writeInt(HelperProtocol.RUN);
            out.writeInt(1);
            out.writeInt(-1); // argument length
        })));
        assertThrows(ProtocolException.class, () -> HelperProtocol.readAnswer(written(out -> out.writeInt(7))));
    }

    @Test
    void aRequestIsCappedInTotalNotOnlyPerItem() throws Exception {
        String fourMebibytes = "x".repeat((4 << 20) - 16);
        var request = new HelperProtocol.Request(java.util.Collections.nCopies(5, fourMebibytes), Map.of(), false);
        var in = written(out -> HelperProtocol.writeRequest(out, request));
        assertThrows(ProtocolException.class, () -> parse(in));
        var four = new HelperProtocol.Request(java.util.Collections.nCopies(3, fourMebibytes), Map.of(), false);
        assertEquals(four, parse(written(out -> HelperProtocol.writeRequest(out, four))));
    }

    @Test
    void statusRoundTrips() throws Exception {
        var status = new HelperProtocol.Status(42, "locked", "no: prctl failed", "PT10M");
        var in = written(HelperProtocol::writeStatusRequest);
        assertEquals(HelperProtocol.STATUS, HelperProtocol.readKind(in));
        assertEquals(status, HelperProtocol.readStatus(written(out -> HelperProtocol.writeStatus(out, status))));
    }

    @Test
    void aMessageCutShortIsAnError() throws Exception {
        var bytes = new ByteArrayOutputStream();
        HelperProtocol.writeAnswer(new DataOutputStream(bytes), new HelperProtocol.Answer(0, new byte[100], new byte[0]));
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), 50);
        assertThrows(EOFException.class, () -> HelperProtocol.readAnswer(new DataInputStream(new ByteArrayInputStream(cut))));
    }
}
