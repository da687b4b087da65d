package ist.spike.common.spiffe;

import io.spiffe.bundle.x509bundle.X509Bundle;
import io.spiffe.exception.BundleNotFoundException;
import io.spiffe.spiffeid.TrustDomain;
import io.spiffe.svid.x509svid.X509Svid;
import io.spiffe.workloadapi.X509Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity from SVID files in the spiffe-helper layout (also what cert-manager's
 * csi-driver-spiffe writes): {@code svid.pem} (leaf then intermediates), {@code svid_key.pem}
 * (PKCS#8) and {@code svid_bundle.pem} (CA certificates of our trust domain).
 *
 * <p>A daemon thread looks at the files' identity, size and modification time every check interval
 * and reloads them when any changed. If a reload fails (a writer caught half-way, a key that does
 * not match the certificate), the last good SVID stays in use and the next change is tried again.
 */
public final class SvidFilesIdentitySource implements IdentitySource {
    public static final String CERTIFICATES = "svid.pem";
    public static final String PRIVATE_KEY = "svid_key.pem";
    public static final String BUNDLE = "svid_bundle.pem";
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(SvidFilesIdentitySource.class);

    private final Path dir;
    private final AtomicReference<Loaded> current;
    private final ScheduledExecutorService watcher;
    private final Source source = new Source();
    /** Watcher-thread state: the file set that failed once, and the one we stopped retrying. */
    private FileStamp lastFailed;
    private FileStamp givenUpOn;

    /** One consistent SVID plus bundle, and the file state it was read from. */
    private record Loaded(X509Svid svid, X509Bundle bundle, FileStamp stamp) {}

    /** What the three files looked like: replaced files change inode, edited ones size or time. */
    private record FileStamp(List<Object> parts) {
        static FileStamp of(Path dir) throws IOException {
            Object[] parts = new Object[9];
            int i = 0;
            for (String name : List.of(CERTIFICATES, PRIVATE_KEY, BUNDLE)) {
                BasicFileAttributes a = Files.readAttributes(dir.resolve(name), BasicFileAttributes.class);
                parts[i++] = a.fileKey();
                parts[i++] = a.size();
                parts[i++] = a.lastModifiedTime();
            }
            return new FileStamp(Arrays.asList(parts));
        }
    }

    private SvidFilesIdentitySource(Path dir, Loaded first, Duration checkInterval) {
        this.dir = dir;
        this.current = new AtomicReference<>(first);
        this.watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "svid-files-watch");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(10, checkInterval.toMillis());
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, period, period, TimeUnit.MILLISECONDS);
    }

    /** Loads the SVID files in {@code dir} and watches them, checking every second. */
    public static SvidFilesIdentitySource open(Path dir) {
        return open(dir, DEFAULT_CHECK_INTERVAL);
    }

    /**
     * Loads the SVID files in {@code dir} and watches them every {@code checkInterval}.
     *
     * @throws IdentityUnavailableException when they are missing or do not form a valid SVID
     */
    public static SvidFilesIdentitySource open(Path dir, Duration checkInterval) {
        JulBridge.install();
        Path absolute = dir.toAbsolutePath();
        try {
            Loaded first = loadAtStart(absolute);
            LOG.info("X.509-SVID for {} from SVID files in {} (serial {}, expires {})", first.svid().getSpiffeId(),
                    absolute, serial(first.svid()), first.svid().getLeaf().getNotAfter().toInstant());
            return new SvidFilesIdentitySource(absolute, first, checkInterval);
        } catch (IOException | InvalidSvidFilesException e) {
            throw new IdentityUnavailableException("cannot load an X.509-SVID from SVID files in " + absolute
                    + " (expected " + CERTIFICATES + ", " + PRIVATE_KEY + " and " + BUNDLE + "): " + describe(e), e);
        }
    }

    @Override
    public X509Source x509Source() {
        return source;
    }

    @Override
    public String description() {
        return "SVID files in " + dir;
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }

    /**
     * Runs on the watcher thread only. A set that fails to load is tried once more at the next check
     * (a writer may have been between two files); if it fails again unchanged, it is reported once
     * and left alone until the files change again.
     */
    private void reloadIfChanged() {
        try {
            FileStamp stamp = FileStamp.of(dir);
            if (stamp.equals(current.get().stamp()) || stamp.equals(givenUpOn)) {
                return;
            }
            try {
                Loaded loaded = load(dir, stamp);
                current.set(loaded);
                lastFailed = null;
                LOG.info("reloaded X.509-SVID for {} from {} (serial {}, expires {})", loaded.svid().getSpiffeId(),
                        dir, serial(loaded.svid()), loaded.svid().getLeaf().getNotAfter().toInstant());
            } catch (IOException | InvalidSvidFilesException e) {
                if (stamp.equals(lastFailed)) {
                    givenUpOn = stamp;
                    LOG.warn("SVID files in {} changed but cannot be loaded; still using the previous SVID: {}",
                            dir, describe(e));
                } else {
                    lastFailed = stamp;
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot stat SVID files in {} (being replaced?): {}", dir, e.toString());
        } catch (RuntimeException e) {
            LOG.error("unexpected error reloading SVID files in {}; still using the previous SVID", dir, e);
        }
    }

    /** At start a writer may be half-way through the set, so a bad read gets two more tries. */
    private static Loaded loadAtStart(Path dir) throws IOException, InvalidSvidFilesException {
        for (int attempt = 1; ; attempt++) {
            try {
                return load(dir, FileStamp.of(dir));
            } catch (InvalidSvidFilesException e) {
                if (attempt == 3) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Reads all three files and checks they still match {@code stamp} afterwards; if not, a writer
     * was busy, and the caller tries again at the next check.
     */
    private static Loaded load(Path dir, FileStamp stamp) throws IOException, InvalidSvidFilesException {
        byte[] certificates = Files.readAllBytes(dir.resolve(CERTIFICATES));
        byte[] key = Files.readAllBytes(dir.resolve(PRIVATE_KEY));
        byte[] bundle = Files.readAllBytes(dir.resolve(BUNDLE));
        if (!stamp.equals(FileStamp.of(dir))) {
            throw new InvalidSvidFilesException("the files changed while being read");
        }
        try {
            X509Svid svid = X509Svid.parse(certificates, key);
            KeyPairCheck.requireMatch(svid.getPrivateKey(), svid.getLeaf().getPublicKey());
            TrustDomain trustDomain = svid.getSpiffeId().getTrustDomain();
            return new Loaded(svid, X509Bundle.parse(trustDomain, bundle), stamp);
        } catch (Exception e) {
            // java-spiffe's messages name the problem, never the key bytes.
            throw new InvalidSvidFilesException(e.getMessage());
        }
    }

    private static String describe(Exception e) {
        return e instanceof NoSuchFileException ? "missing " + e.getMessage() : e.getMessage();
    }

    private static String serial(X509Svid svid) {
        return svid.getLeaf().getSerialNumber().toString(16);
    }

    /** The files are present but do not hold a usable SVID and bundle. */
    private static final class InvalidSvidFilesException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidSvidFilesException(String message) {
            super(message);
        }
    }

    /** java-spiffe's view: the last good SVID, and the bundle of its trust domain only. */
    private final class Source implements X509Source {
        @Override
        public X509Svid getX509Svid() {
            return current.get().svid();
        }

        @Override
        public X509Bundle getBundleForTrustDomain(TrustDomain trustDomain) throws BundleNotFoundException {
            X509Bundle bundle = current.get().bundle();
            if (!bundle.getTrustDomain().equals(trustDomain)) {
                throw new BundleNotFoundException("no X.509 bundle for trust domain " + trustDomain
                        + " in " + dir.resolve(BUNDLE) + " (it holds " + bundle.getTrustDomain() + ")");
            }
            return bundle;
        }

        @Override
        public void close() {
            SvidFilesIdentitySource.this.close();
        }
    }
}
