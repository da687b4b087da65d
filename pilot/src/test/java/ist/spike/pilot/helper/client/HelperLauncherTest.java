package ist.spike.pilot.helper.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
