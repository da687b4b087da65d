package ist.spike.devid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.spiffe.bundle.x509bundle.X509BundleSet;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.workloadapi.DefaultWorkloadApiClient;
import io.spiffe.workloadapi.DefaultX509Source;
import io.spiffe.workloadapi.WorkloadApiClient;
import io.spiffe.workloadapi.grpc.SpiffeWorkloadAPIGrpc;
import io.spiffe.workloadapi.grpc.Workload;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake Workload API, checked with java-spiffe's own client over real unix sockets. */
class DevIdentityProviderTest {
    private static Path dir;
    private static DevIdentityProvider provider;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "devid");
        provider = DevIdentityProvider.start(dir, "spike.ist", Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    private static DefaultX509Source source(Path socket) throws Exception {
        return DefaultX509Source.newSource(DefaultX509Source.X509SourceOptions.builder()
                .spiffeSocketPath("unix:" + socket).initTimeout(Duration.ofSeconds(10)).build());
    }

    @Test
    void servesTheIdentityOfEachSocketWithTheCaBundle() throws Exception {
        Path nexus = provider.serve("nexus1", "spiffe://spike.ist/spike/nexus");
        Path keeper = provider.serve("keeper1", "spiffe://spike.ist/spike/keeper");
        assertEquals(dir.resolve("nexus1.sock"), nexus);
        try (var a = source(nexus); var b = source(keeper)) {
            assertEquals("spiffe://spike.ist/spike/nexus", a.getX509Svid().getSpiffeId().toString());
            assertEquals("spiffe://spike.ist/spike/keeper", b.getX509Svid().getSpiffeId().toString());
            var bundle = a.getBundleForTrustDomain(TrustDomain.parse("spike.ist"));
            assertTrue(bundle.hasX509Authority(provider.caCertificate()));
            assertEquals(provider.current("nexus1").leaf(), a.getX509Svid().getLeaf());
        }
    }

    @Test
    void rotationIsPushedOnTheOpenStream() throws Exception {
        Path socket = provider.serve("rot", "spiffe://spike.ist/spike/pilot/role/superuser");
        try (var source = source(socket)) {
            BigInteger before = source.getX509Svid().getLeaf().getSerialNumber();
            provider.rotateNow();
            BigInteger expected = provider.current("rot").leaf().getSerialNumber();
            assertNotEquals(before, expected);
            Await.until(Duration.ofSeconds(10), "the rotated SVID",
                    () -> source.getX509Svid().getLeaf().getSerialNumber().equals(expected));
        }
    }

    @Test
    void reissuesAtHalfTheTtlByItself() throws Exception {
        Path shortDir = Files.createTempDirectory(Path.of("/tmp"), "devid");
        try (var quick = DevIdentityProvider.start(shortDir, "spike.ist", Duration.ofSeconds(2))) {
            Path socket = quick.serve("q", "spiffe://spike.ist/q");
            try (var source = source(socket)) {
                BigInteger first = source.getX509Svid().getLeaf().getSerialNumber();
                Await.until(Duration.ofSeconds(5), "a timed rotation",
                        () -> !source.getX509Svid().getLeaf().getSerialNumber().equals(first));
            }
        }
    }

    @Test
    void answersFetchX509Bundles() throws Exception {
        Path socket = provider.serve("bundles", "spiffe://spike.ist/workload/demo");
        try (WorkloadApiClient client = DefaultWorkloadApiClient.newClient(
                DefaultWorkloadApiClient.ClientOptions.builder().spiffeSocketPath("unix:" + socket).build())) {
            X509BundleSet bundles = client.fetchX509Bundles();
            assertTrue(bundles.getBundleForTrustDomain(TrustDomain.parse("spike.ist"))
                    .hasX509Authority(provider.caCertificate()));
        }
    }

    @Test
    void refusesCallsWithoutTheSecurityHeader() throws Exception {
        Path socket = provider.serve("hdr", "spiffe://spike.ist/x");
        var group = new EpollEventLoopGroup(1);
        ManagedChannel channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
        try {
            var stub = SpiffeWorkloadAPIGrpc.newBlockingStub(channel);
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> stub.fetchX509SVID(Workload.X509SVIDRequest.getDefaultInstance()).next());
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondProviderHasItsOwnTrustDomainAndCa() throws Exception {
        Path otherDir = Files.createTempDirectory(Path.of("/tmp"), "devid");
        try (var other = DevIdentityProvider.start(otherDir, "other.org", Duration.ofMinutes(10))) {
            assertNotEquals(provider.caCertificate(), other.caCertificate());
            try (var source = source(other.serve("nexus", "spiffe://other.org/spike/nexus"))) {
                assertEquals("other.org", source.getX509Svid().getSpiffeId().getTrustDomain().getName());
            }
        }
    }

    @Test
    void closeRemovesTheSockets() throws Exception {
        Path closeDir = Files.createTempDirectory(Path.of("/tmp"), "devid");
        var p = DevIdentityProvider.start(closeDir, "spike.ist", Duration.ofMinutes(1));
        Path socket = p.serve("gone", "spiffe://spike.ist/gone");
        assertTrue(Files.exists(socket));
        p.close();
        assertFalse(Files.exists(socket));
        assertThrows(IllegalStateException.class, () -> p.serve("again", "spiffe://spike.ist/again"));
    }

    @Test
    void refusesSocketPathsTooLongForUnixSockets() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("d".repeat(100)));
        try (var p = DevIdentityProvider.start(deep, "spike.ist", Duration.ofMinutes(1))) {
            var e = assertThrows(IllegalArgumentException.class, () -> p.serve("x", "spiffe://spike.ist/x"));
            assertTrue(e.getMessage().contains("107 bytes"), e.getMessage());
        }
    }
}
