package ist.spike.common.spiffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket check on real directories and a real listening unix socket, changed the way another user could. */
class SocketPathCheckTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path temp;
    private Path agentDir;
    private Path socket;
    private ServerSocketChannel agent;

    @BeforeEach
    void listen() throws IOException {
        agentDir = Files.createDirectories(temp.resolve("spire-agent/public"));
        socket = agentDir.resolve("api.sock");
        agent = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void close() throws IOException {
        agent.close();
    }

    private Optional<String> check(String agentUser) throws IOException {
        return SocketPathCheck.trusting(Optional.ofNullable(agentUser)).problemWith(socket);
    }

    @Test
    void aPathOnlyTrustedUsersCanChangeIsAccepted() throws IOException {
        assertEquals(Optional.empty(), check(null));
    }

    @Test
    void aDirectoryEveryoneCanWriteIsRefused() throws IOException {
        Files.setPosixFilePermissions(agentDir.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        String problem = check(null).orElseThrow();
        assertTrue(problem.startsWith("directory " + agentDir.getParent() + " (owner "), problem);
        assertTrue(problem.endsWith("is writable by every user and not sticky"), problem);
    }

    @Test
    void aGroupWritableDirectoryIsRefused() throws IOException {
        Files.setPosixFilePermissions(agentDir, PosixFilePermissions.fromString("rwxrwxr-x"));
        assertTrue(check(null).orElseThrow().endsWith("is writable by its group and not sticky"));
    }

    @Test
    void aStickySharedDirectoryLikeTmpIsAccepted() throws Exception {
        Files.setPosixFilePermissions(agentDir.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        new ProcessBuilder("chmod", "+t", agentDir.getParent().toString()).start().waitFor();
        assertEquals(Optional.empty(), check(null));
    }

    @Test
    void aSymlinkInAWritableDirectoryIsRefusedEvenIfItsTargetIsSafe() throws IOException {
        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path link = Files.createSymbolicLink(shared.resolve("api.sock"), socket);
        String problem = SocketPathCheck.trusting(Optional.empty()).problemWith(link).orElseThrow();
        assertTrue(problem.startsWith("directory " + shared), problem);
    }

    @Test
    void aSocketOrDirectoryOfAnotherUserIsRefusedUnlessNamedAsTheAgentsUser() throws Exception {
        assumeTrue(isRoot(), "changing a file's owner needs root (CI runs as root)");
        chown(socket, NOBODY);
        String problem = check(null).orElseThrow();
        assertTrue(problem.startsWith(socket + " is owned by "), problem);
        assertTrue(problem.contains("(uid " + NOBODY + ")"), problem);
        assertEquals(Optional.empty(), check(Integer.toString(NOBODY)));

        chown(socket, 0);
        chown(agentDir.getParent(), NOBODY);
        assertTrue(check(null).orElseThrow().startsWith("directory " + agentDir.getParent() + " is owned by "));
    }

    private static boolean isRoot() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }

    private static void chown(Path path, int uid) throws Exception {
        assertEquals(0, new ProcessBuilder("chown", "-h", Integer.toString(uid), path.toString()).start().waitFor());
    }
}
