package ist.spike.pilot.startup;

import ist.spike.pilot.helper.HelperProtocol;
import ist.spike.pilot.helper.HelperSocket;
import ist.spike.pilot.helper.client.HelperClient;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * For the ahead-of-time cache training ({@code AotTraining}): one command line handed to a stand-in
 * helper, so the cache that {@code spike} starts with while a helper runs holds the classes of its side
 * of the socket. Not for operators.
 */
public final class HelperClientTraining {
    private HelperClientTraining() {}

    public static void handOneCommand() throws IOException, InterruptedException {
        Path runtime = Files.createTempDirectory("spike-aot-helper");
        try {
            Map<String, String> env = Map.of("XDG_RUNTIME_DIR", runtime.toString());
            Path socket = HelperSocket.create(env).orElseThrow(() -> new IOException("no private directory in " + runtime));
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                Thread standIn = Thread.ofPlatform().start(() -> answerOnce(server));
                if (HelperClient.run(List.of("secret", "get", "spike-aot/training"), env).isEmpty()) {
                    throw new IOException("the stand-in helper did not answer");
                }
                standIn.join();
            }
        } finally {
            try (Stream<Path> files = Files.walk(runtime)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void answerOnce(ServerSocketChannel server) {
        try (SocketChannel channel = server.accept()) {
            var in = new java.io.DataInputStream(Channels.newInputStream(channel));
            HelperProtocol.readKind(in);
            HelperProtocol.readRequest(in);
            HelperProtocol.writeAnswer(new java.io.DataOutputStream(Channels.newOutputStream(channel)),
                    new HelperProtocol.Answer(0, new byte[0], new byte[0]));
        } catch (IOException e) {
            // the client reports the failure
        }
    }
}
