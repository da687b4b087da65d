package ist.spike.pilot.helper.client;

import ist.spike.pilot.helper.HelperSocket;
import ist.spike.pilot.text.CommandLineBytes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Starts the helper in the background, with this JVM's own options and class path, detached from the
 * terminal (its own session, no standard streams) so it neither holds a pipe open nor gets the
 * terminal's signals.
 */
final class HelperLauncher {
    // java launcher options whose value is the next argument (anything SPIKE_JAVA_OPTS might hold).
    private static final Set<String> TAKES_VALUE = Set.of("--add-opens", "--add-exports", "--add-reads",
            "--add-modules", "--enable-native-access", "--limit-modules", "--patch-module", "-p", "--module-path",
            "--upgrade-module-path");
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** The helper's main class, named here so the client side does not depend on the daemon's package. */
    static final String MAIN_CLASS = "ist.spike.pilot.helper.daemon.HelperMain";

    private HelperLauncher() {}

    /** Starts a helper process for {@code socket}, detached; its output goes nowhere. */
    static Process start(Path socket) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(jvmCommand(readCommandLine()));
        command.add("-XX:+DisableAttachMechanism"); // like Nexus and Keeper: no heap dumps on request
        String classPath = System.getProperty("java.class.path");
        // The helper names its socket from spike's class path, as spike does, whatever its own.
        command.add("-D" + HelperSocket.CLI_CLASS_PATH + "=" + classPath);
        command.addAll(List.of("-cp", helperClassPath(classPath), MAIN_CLASS, socket.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("SPIKE_TRACE_T0");
        return builder.start();
    }

    /**
     * spike's class path, plus spike.jar's full one when spike runs from spike-cli.jar: the helper follows
     * its SVID as it rotates with java-spiffe's Workload API client, like the servers, and that needs gRPC,
     * which spike-cli.jar leaves out (dist/bin/spike).
     */
    static String helperClassPath(String classPath) {
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (jar.getFileName() != null && jar.getFileName().toString().equals("spike.jar")) {
                return classPath; // already the full class path (FIPS mode, a Workload API over TCP)
            }
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (jar.getFileName() != null && jar.getFileName().toString().equals("spike-cli.jar")
                    && Files.isRegularFile(jar.resolveSibling("spike.jar"))) {
                return classPath + File.pathSeparator + jar.resolveSibling("spike.jar");
            }
        }
        return classPath;
    }

    /** This process's command line, from /proc (it holds the launcher's and SPIKE_JAVA_OPTS's options). */
    private static List<String> readCommandLine() throws IOException {
        List<byte[]> entries = CommandLineBytes.entries();
        if (entries == null) {
            throw new IOException("cannot read /proc/self/cmdline");
        }
        return entries.stream().map(entry -> new String(entry, StandardCharsets.UTF_8)).toList();
    }

    /** The java executable and its options, up to the class path or jar that starts the program. */
    static List<String> jvmCommand(List<String> commandLine) {
        List<String> jvm = new ArrayList<>();
        jvm.add(commandLine.isEmpty() ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                : commandLine.get(0));
        for (int i = 1; i < commandLine.size(); i++) {
            String arg = commandLine.get(i);
            if (!arg.startsWith("-") || Set.of("-jar", "-cp", "-classpath", "--class-path").contains(arg)
                    || arg.startsWith("--class-path=")) {
                break;
            }
            jvm.add(arg);
            if (TAKES_VALUE.contains(arg) && i + 1 < commandLine.size()) {
                jvm.add(commandLine.get(++i));
            }
        }
        return jvm;
    }
}
