package ist.spike.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real launchers from dist/bin, as an operator would. */
final class Processes {
    private Processes() {}

    static Path dist() {
        String configured = System.getProperty("spike.dist");
        Path dist = Path.of(configured == null ? "../dist" : configured).toAbsolutePath().normalize();
        if (!Files.isExecutable(dist.resolve("bin/nexus"))) {
            throw new IllegalStateException(dist + "/bin/nexus is missing: build with ./mvnw package first");
        }
        return dist;
    }

    static Path launcher(String name) {
        return dist().resolve("bin").resolve(name);
    }

    /** A free TCP port on loopback (a small race with other processes is acceptable in tests). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a long-running program with its output appended to {@code log}. */
    static Process start(Path log, Map<String, String> env, String program, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher(program).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        // spike's warm helper would outlive a test's stack; HelperCliTest turns it on where it is tested.
        builder.environment().putIfAbsent("SPIKE_PILOT_HELPER", "false");
        return builder.start();
    }

    /** The outcome of a short-lived command. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs a command to completion with optional stdin, within a time limit. */
    static Result run(Map<String, String> env, String stdin, Duration limit, String program, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher(program).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        // spike's warm helper would outlive a test's stack; HelperCliTest turns it on where it is tested.
        builder.environment().putIfAbsent("SPIKE_PILOT_HELPER", "false");
        Path out = Files.createTempFile("spike-out", ".txt");
        Path err = Files.createTempFile("spike-err", ".txt");
        try {
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + limit);
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    static void kill9(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, and wait. */
    static void stop(Process process) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
