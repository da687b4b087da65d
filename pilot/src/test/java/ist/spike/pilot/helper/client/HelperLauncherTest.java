package ist.spike.pilot.helper.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelperLauncherTest {
    @Test
    void keepsTheJvmOptionsUpToTheProgram() {
        assertEquals(List.of("/jdk/bin/java", "-XX:+UseSerialGC", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xmx1g"),
                HelperLauncher.jvmCommand(List.of("/jdk/bin/java", "-XX:+UseSerialGC", "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED", "-Xmx1g", "-jar", "/lib/spike-cli.jar", "secret", "get", "a")));
        assertEquals(List.of("/jdk/bin/java", "-Dx=y"),
                HelperLauncher.jvmCommand(List.of("/jdk/bin/java", "-Dx=y", "-cp", "a.jar:b.jar", "Main", "-v")));
        assertEquals(List.of("/jdk/bin/java"), HelperLauncher.jvmCommand(List.of("/jdk/bin/java", "--class-path=a.jar", "Main")));
    }

    @Test
    void theHelperGetsSpikeJarsFullClassPathForJavaSpiffesClient(@TempDir Path lib) throws Exception {
        Path cli = Files.createFile(lib.resolve("spike-cli.jar"));
        assertEquals(cli.toString(), HelperLauncher.helperClassPath(cli.toString()), "no spike.jar next to it");
        Path full = Files.createFile(lib.resolve("spike.jar"));
        assertEquals(cli + ":" + full, HelperLauncher.helperClassPath(cli.toString()));
        assertEquals(cli + ":" + full, HelperLauncher.helperClassPath(cli + ":" + full), "already full (FIPS mode)");
        assertEquals("target/classes:a.jar", HelperLauncher.helperClassPath("target/classes:a.jar"));
    }

    @Test
    void withoutACommandLineUsesThisJdk() {
        assertEquals(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                HelperLauncher.jvmCommand(List.of()));
    }

    @Test
    void theDaemonsMainClassIsTheOneNamed() throws Exception {
        var main = Class.forName(HelperLauncher.MAIN_CLASS).getMethod("main", String[].class);
        assertEquals(HelperLauncher.MAIN_CLASS, main.getDeclaringClass().getName());
    }
}
