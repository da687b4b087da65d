package ist.spike.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The source tree, for tests that check scripts and documentation against the code. */
final class Repo {
    private Repo() {}

    static Path root() {
        String configured = System.getProperty("spike.repo");
        Path root = Path.of(configured == null ? ".." : configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("hack"))) {
            throw new IllegalStateException(root + " is not the repository root");
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files under {@code dir} (recursively), sorted; none if it does not exist. */
    static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The modules' top-level directories that have main sources or resources. */
    static List<Path> modulesWithMainCode() {
        // Two levels: the programs' modules, and the libraries under common/.
        try (Stream<Path> dirs = Files.walk(root(), 2)) {
            return dirs.filter(d -> !d.equals(root()) && Files.isDirectory(d.resolve("src/main"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for a file that is a shell script: a .sh name, or a sh/bash shebang. */
    static boolean isShellScript(Path file) {
        if (file.getFileName().toString().endsWith(".sh")) {
            return true;
        }
        String text = read(file);
        return text.startsWith("#!/usr/bin/env bash") || text.startsWith("#!/bin/bash") || text.startsWith("#!/bin/sh");
    }

    /** The outcome of a command. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs {@code command} in the repository root with extra environment, within a time limit. */
    static Result run(Map<String, String> env, Duration limit, List<String> command) {
        return run(env, false, limit, command);
    }

    /** Runs {@code command} in the repository root with {@code env} as its whole environment. */
    static Result runInEnvironment(Map<String, String> env, Duration limit, List<String> command) {
        return run(env, true, limit, command);
    }

    private static Result run(Map<String, String> env, boolean onlyThese, Duration limit, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(root().toFile());
            if (onlyThese) {
                builder.environment().clear();
            }
            builder.environment().putAll(env);
            Path out = Files.createTempFile("repo-out", ".txt");
            Path err = Files.createTempFile("repo-err", ".txt");
            try {
                builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                Process process = builder.start();
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish within " + limit);
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code program} is found on PATH. */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
