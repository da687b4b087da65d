package ist.spike.devid;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/** A gRPC server for one {@link FakeWorkloadApi} on one unix domain socket. */
final class WorkloadApiSocket implements AutoCloseable {
    /** sun_path holds 108 bytes including the terminating NUL. */
    static final int MAX_SOCKET_PATH_BYTES = 107;

    private final Path path;
    private final Server server;

    private WorkloadApiSocket(Path path, Server server) {
        this.path = path;
        this.server = server;
    }

    static WorkloadApiSocket start(Path path, FakeWorkloadApi api, EventLoopGroup boss, EventLoopGroup workers) {
        Path socket = path.toAbsolutePath();
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("unix socket path longer than " + MAX_SOCKET_PATH_BYTES
                    + " bytes: " + socket + " (use a shorter directory)");
        }
        try {
            removeStaleSocket(socket);
            Server server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    .bossEventLoopGroup(boss)
                    .workerEventLoopGroup(workers)
                    .directExecutor()
                    // gRPC sets SO_KEEPALIVE on every accepted channel; unix sockets have no such option
                    // and Netty warns about it per connection. A null value removes the option.
                    .withChildOption(ChannelOption.SO_KEEPALIVE, null)
                    .addService(ServerInterceptors.intercept(api, new SecurityHeaderCheck()))
                    .build()
                    .start();
            return new WorkloadApiSocket(socket, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the Workload API at " + socket, e);
        }
    }

    Path path() {
        return path;
    }

    /** A socket left by a killed run would make bind fail; anything that is not a socket is left alone. */
    private static void removeStaleSocket(Path socket) throws IOException {
        if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes attributes = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isOther()) {
                throw new IOException("refusing to replace " + socket + ": it exists and is not a socket");
            }
            Files.delete(socket);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove socket " + path, e);
        }
    }
}
