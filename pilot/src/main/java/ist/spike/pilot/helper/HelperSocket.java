package ist.spike.pilot.helper;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;

/**
 * Where the helper for this user and configuration listens: a unix socket in a directory only this
 * user can enter ({@code $XDG_RUNTIME_DIR/spike-pilot}, else {@code /tmp/spike-pilot-<uid>}), named after the
 * configuration, so a command with other settings (another Nexus, identity or trust root, another
 * build of spike) never reaches a helper started for different ones.
 */
public final class HelperSocket {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    // sockaddr_un's path is 108 bytes on Linux, the terminating NUL included.
    private static final int MAX_SOCKET_PATH = 107;
    /** Set on the helper: the class path of the spike that started it, which its socket's name depends on. */
    public static final String CLI_CLASS_PATH = "spike.helper.cli-class-path";

    private HelperSocket() {}

    /** The socket's path when the directory exists and is private to this user; empty otherwise. */
    public static Optional<Path> find(Map<String, String> env) {
        Path dir = directory(env);
        return isPrivate(dir) ? socketIn(dir, env) : Optional.empty();
    }

    /** Like {@link #find}, creating the directory (mode 0700) if it is missing. */
    public static Optional<Path> create(Map<String, String> env) throws IOException {
        Path dir = directory(env);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another helper made it first; checked below like any other
            }
        }
        return find(env);
    }

    public static Path directory(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && runtime.startsWith("/") && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "spike-pilot");
        }
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "spike-pilot-" + processUid());
    }

    /** The numeric user ID, which dist/bin/spike also has (as $EUID) without starting a process. */
    private static String processUid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return System.getProperty("user.name");
        }
    }

    /** A real directory (not a link), owned by this process's user, mode 0700. */
    static boolean isPrivate(Path dir) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isDirectory() && attributes.owner().equals(processOwner())
                    && attributes.permissions().equals(OWNER_ONLY);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * A connection to the helper listening on {@code socket}, refused unless that process runs as this
     * user ({@code SO_PEERCRED}).
     */
    public static SocketChannel connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            if (!channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().equals(processOwner())) {
                throw new IOException("the process listening on " + socket + " is another user's");
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** This process's user: the owner of /proc/self. */
    public static UserPrincipal processOwner() throws IOException {
        return Files.getOwner(Path.of("/proc/self"));
    }

    private static Optional<Path> socketIn(Path dir, Map<String, String> env) {
        Path socket = dir.resolve("pilot-" + fingerprint(env) + ".sock");
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH
                ? Optional.of(socket) : Optional.empty();
    }

    /**
     * 64-bit FNV-1a of what a helper's answers depend on: the relevant variables, the JDK and the class
     * path with each entry's size and modification time. Not a security check (the directory is):
     * it only keeps helpers of different configurations apart, and the helper compares the variables again.
     */
    static String fingerprint(Map<String, String> env) {
        StringBuilder text = new StringBuilder("spike-pilot-helper/").append(HelperProtocol.VERSION).append('\n');
        text.append(System.getProperty("java.home")).append('\n');
        String classPath = System.getProperty(CLI_CLASS_PATH, System.getProperty("java.class.path", ""));
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            text.append(entry).append(' ').append(stamp(Path.of(entry))).append('\n');
        }
        HelperSettings.relevant(env).forEach((name, value) -> text.append(name).append('=').append(value).append('\0'));
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.toString().getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return String.format("%016x", hash);
    }

    private static String stamp(Path file) {
        try {
            return Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return "-";
        }
    }
}
