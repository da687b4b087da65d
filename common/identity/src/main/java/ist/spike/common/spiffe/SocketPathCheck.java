package ist.spike.common.spiffe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a Workload API socket that someone other than a trusted user could have put there, as ssh's
 * StrictModes does for key files. Whoever can replace the socket, or any directory above it, can serve
 * this program an identity and a trust bundle of their choosing.
 *
 * <p>Trusted users: root, the user this program runs as, and the agent's user if named
 * ({@code SPIKE_SPIFFE_SOCKET_OWNER}). The socket and every directory on its path (as written and as
 * resolved) must be owned by a trusted user, and no directory may be writable by group or others unless
 * it is sticky (like {@code /tmp}).
 */
public final class SocketPathCheck {
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private final Set<String> trustedUsers;
    private final Set<Integer> trustedUids;

    private SocketPathCheck(Set<Integer> trustedUids, Set<String> trustedUsers) {
        this.trustedUids = trustedUids;
        this.trustedUsers = trustedUsers;
    }

    /**
     * @param agentUser the agent's user, as a name or a numeric uid, if it is neither root nor this
     *                  program's user
     */
    public static SocketPathCheck trusting(Optional<String> agentUser) throws IOException {
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Set<Integer> uids = new HashSet<>(List.of(0, self));
        Set<String> names = new HashSet<>();
        agentUser.map(String::trim).filter(u -> !u.isEmpty()).ifPresent(user -> {
            if (user.chars().allMatch(Character::isDigit)) {
                uids.add(Integer.parseInt(user));
            } else {
                names.add(user);
            }
        });
        return new SocketPathCheck(Set.copyOf(uids), Set.copyOf(names));
    }

    /** An empty answer if the socket is safe to use; otherwise why not, naming the path and its owner. */
    public Optional<String> problemWith(Path socket) throws IOException {
        Path written = socket.toAbsolutePath().normalize();
        Optional<String> problem = problemAlong(written);
        if (problem.isPresent()) {
            return problem;
        }
        Path resolved = written.toRealPath();
        return resolved.equals(written) ? Optional.empty() : problemAlong(resolved);
    }

    /** Checks the socket, then each directory up to the root; a symbolic link on the way is checked as a file. */
    private Optional<String> problemAlong(Path socket) throws IOException {
        for (Path entry = socket; entry != null; entry = entry.getParent()) {
            String what = entry == socket ? entry.toString() : "directory " + entry;
            if (!trusted(entry)) {
                return Optional.of(what + " is owned by " + owner(entry) + ", who is not root, this program's user "
                        + "or SPIKE_SPIFFE_SOCKET_OWNER");
            }
            int mode = (Integer) Files.getAttribute(entry, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            // In a sticky directory (such as /tmp) only an entry's owner can replace it, and every entry
            // on this path is owned by a trusted user.
            boolean directory = entry != socket && !Files.isSymbolicLink(entry);
            if (directory && (mode & GROUP_OR_OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
                return Optional.of(what + " (owner " + owner(entry) + ") is writable by "
                        + ((mode & 0002) != 0 ? "every user" : "its group") + " and not sticky");
            }
        }
        return Optional.empty();
    }

    private boolean trusted(Path path) throws IOException {
        int uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return trustedUids.contains(uid)
                || trustedUsers.contains(Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName());
    }

    private static String owner(Path path) throws IOException {
        int uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName() + " (uid " + uid + ")";
    }
}
