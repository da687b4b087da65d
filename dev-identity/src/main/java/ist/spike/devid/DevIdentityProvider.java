package ist.spike.devid;

import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev identity provider: a throw-away CA for one trust domain that hands out short-lived
 * X.509-SVIDs over the SPIFFE Workload API (one unix socket per identity) and as SVID files, and
 * re-issues them at half their lifetime so clients see rotations.
 *
 * <p><b>Development and tests only.</b> Anyone who can reach a socket gets its identity, and the CA
 * key sits unprotected in memory. Production uses SPIRE.
 */
public final class DevIdentityProvider implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevIdentityProvider.class);
    private static final Duration MIN_TTL = Duration.ofSeconds(2);

    public static final String NOT_FOR_PRODUCTION =
            "SPIKE dev identity provider: FOR DEVELOPMENT AND TESTS ONLY. Anyone who can open its sockets "
            + "gets their identities, and its CA key is unprotected. Production uses SPIRE.";

    private final Path workDir;
    private final Duration svidTtl;
    private final DevCertificateAuthority ca;
    private final EventLoopGroup boss = new EpollEventLoopGroup(1);
    private final EventLoopGroup workers = new EpollEventLoopGroup(1);
    private final ScheduledExecutorService rotation;
    private final Map<String, Served> served = new LinkedHashMap<>();
    private final Map<Path, String> svidFileSets = new LinkedHashMap<>();
    private final Map<String, X509Certificate> federated = new LinkedHashMap<>();
    private boolean closed;

    private record Served(String name, FakeWorkloadApi api, WorkloadApiSocket socket) {}

    private DevIdentityProvider(Path workDir, String trustDomain, Duration svidTtl) {
        this.workDir = workDir;
        this.svidTtl = svidTtl;
        this.ca = DevCertificateAuthority.create(trustDomain);
        this.rotation = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "dev-identity-rotation-" + trustDomain);
            thread.setDaemon(true);
            return thread;
        });
        long halfLife = Math.max(1, svidTtl.toMillis() / 2);
        rotation.scheduleAtFixedRate(this::rotateQuietly, halfLife, halfLife, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates a CA for {@code trustDomain}; sockets made by {@link #serve} go into {@code workDir}.
     * SVIDs live for {@code svidTtl} and are re-issued at half of it.
     */
    public static DevIdentityProvider start(Path workDir, String trustDomain, Duration svidTtl) {
        if (svidTtl.compareTo(MIN_TTL) < 0) {
            throw new IllegalArgumentException("SVID TTL must be at least " + TtlText.format(MIN_TTL) + ", got "
                    + TtlText.format(svidTtl));
        }
        try {
            SvidFiles.createDirectory(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        LOG.warn(NOT_FOR_PRODUCTION);
        DevIdentityProvider provider = new DevIdentityProvider(workDir, trustDomain, svidTtl);
        LOG.info("dev CA for trust domain {} ready (SVID TTL {})", trustDomain, TtlText.format(svidTtl));
        return provider;
    }

    public String trustDomain() {
        return ca.trustDomain();
    }

    public Duration svidTtl() {
        return svidTtl;
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The CA certificate as PEM, for a bundle file. */
    public String caCertificatePem() {
        return Pem.certificates(List.of(ca.certificate()));
    }

    /**
     * Serves {@code spiffeId} on {@code <workDir>/<name>.sock} and returns the socket path
     * (give it to a client as {@code unix:<path>}).
     */
    public synchronized Path serve(String name, String spiffeId) {
        requireOpen();
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("identity name must be letters, digits, '.', '_' or '-': " + name);
        }
        if (served.containsKey(name)) {
            throw new IllegalArgumentException("already serving an identity named " + name);
        }
        FakeWorkloadApi api = new FakeWorkloadApi(name, ca.trustDomain(), ca.mint(spiffeId, svidTtl));
        api.federate(federated);
        WorkloadApiSocket socket = WorkloadApiSocket.start(workDir.resolve(name + ".sock"), api, boss, workers);
        served.put(name, new Served(name, api, socket));
        LOG.info("serving {} on {}", spiffeId, socket.path());
        return socket.path();
    }

    /**
     * Federates with {@code trustDomain}: every socket, served now or later, also hands out its CA
     * certificate as a federated bundle, so the workloads here accept that trust domain's SVIDs.
     */
    public synchronized void federateWith(String trustDomain, X509Certificate caCertificate) {
        requireOpen();
        federated.put(trustDomain, caCertificate);
        for (Served s : served.values()) {
            s.api().federate(federated);
        }
    }

    /** The SVID currently handed out on the socket called {@code name}. */
    public synchronized MintedSvid current(String name) {
        Served s = served.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no identity named " + name);
        }
        return s.api().current();
    }

    /**
     * Writes svid.pem, svid_key.pem and svid_bundle.pem for {@code spiffeId} into {@code dir}, and
     * rewrites them on every rotation until the directory is removed. Returns {@code dir}.
     */
    public synchronized Path writeSvidFiles(String spiffeId, Path dir) {
        requireOpen();
        writeFiles(ca.mint(spiffeId, svidTtl), dir);
        svidFileSets.put(dir, spiffeId);
        return dir;
    }

    /**
     * An SVID with exactly the given validity, not served anywhere: for tests that need an expired
     * or not-yet-valid one.
     */
    public MintedSvid mint(String spiffeId, Instant notBefore, Instant notAfter) {
        return ca.mint(spiffeId, notBefore, notAfter);
    }

    /** An SVID valid from now for the provider's TTL, not served anywhere. */
    public MintedSvid mint(String spiffeId) {
        return ca.mint(spiffeId, svidTtl);
    }

    /** Re-issues every served SVID and SVID file set now, as the half-life timer does. */
    public synchronized void rotateNow() {
        requireOpen();
        for (Served s : served.values()) {
            s.api().publish(ca.mint(s.api().current().spiffeId(), svidTtl));
        }
        // A directory someone removed (a test's temporary directory) is dropped, not recreated.
        svidFileSets.keySet().removeIf(dir -> !Files.isDirectory(dir));
        svidFileSets.forEach((dir, spiffeId) -> writeFiles(ca.mint(spiffeId, svidTtl), dir));
        LOG.debug("rotated {} socket identities and {} SVID file sets", served.size(), svidFileSets.size());
    }

    /** The sockets being served, by name. */
    public synchronized Map<String, Path> sockets() {
        Map<String, Path> out = new LinkedHashMap<>();
        served.forEach((name, s) -> out.put(name, s.socket().path()));
        return out;
    }

    /** Stops rotation, closes every socket and removes the socket files. SVID files are left. */
    @Override
    public void close() {
        List<Served> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(served.values());
            served.clear();
        }
        rotation.shutdownNow();
        for (Served s : toClose) {
            try {
                s.socket().close();
            } catch (RuntimeException e) {
                LOG.warn("closing socket {}: {}", s.socket().path(), e.toString());
            }
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private void rotateQuietly() {
        try {
            synchronized (this) {
                if (!closed) {
                    rotateNow();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("SVID rotation failed; will retry at the next half-life", e);
        }
    }

    private static void writeFiles(MintedSvid svid, Path dir) {
        try {
            SvidFiles.write(svid, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write SVID files to " + dir, e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the dev identity provider is closed");
        }
    }
}
