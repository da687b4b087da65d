package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A SPIFFE Workload API served by grpc-go, the SPIRE agent's gRPC stack (e2e/src/test/go/workloadapi,
 * built by hack/lib/grpc-go-workload-api.sh), as a process on a unix socket; its flags choose the answer.
 * Without Go the tests that need it fail in CI (CI=true), and are skipped, saying why, elsewhere.
 */
final class GrpcGoWorkloadApi implements AutoCloseable {
    private static Path binary;

    private final Process process;
    private final Path socket;
    private final Path log;

    private GrpcGoWorkloadApi(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /** Builds the server once per JVM (the script skips an up-to-date build). */
    static synchronized Path binary() {
        if (binary == null) {
            Repo.Result build = Repo.run(Map.of(), Duration.ofMinutes(10),
                    List.of("bash", "hack/lib/grpc-go-workload-api.sh"));
            if (build.exitCode() != 0) {
                String why = "the grpc-go Workload API could not be built (hack/lib/grpc-go-workload-api.sh):\n" + build;
                if ("true".equals(System.getenv("CI"))) {
                    fail(why + "\nCI must run these tests (.ci/run installs golang-go and golang-google-grpc-dev)");
                }
                abort(why + "\nskipped outside CI: apt-get install golang-go golang-google-grpc-dev");
            }
            binary = Repo.root().resolve(build.stdout().strip());
        }
        return binary;
    }

    /** Starts the server on {@code socket} with these flags and waits until it serves. */
    static GrpcGoWorkloadApi start(Path socket, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "-socket", socket.toString()));
        command.addAll(List.of(flags));
        Path log = Files.createTempFile("grpc-go-workload-api", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first;
        try {
            first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            first = null;
        }
        if (first == null || !first.startsWith("serving ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the grpc-go Workload API did not start: " + first + "\n" + Files.readString(log));
        }
        return new GrpcGoWorkloadApi(process, socket, log);
    }

    Path socket() {
        return socket;
    }

    /** What the server logged (one line per call). */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** Stops the server (SIGTERM; grpc-go closes every connection at once). */
    @Override
    public void close() throws InterruptedException, IOException {
        Processes.stop(process);
        Files.deleteIfExists(log);
    }
}
