package ist.spike.common.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary directories directly under /tmp, so unix socket paths stay under 108 bytes. */
public final class ShortTempDirs {
    private ShortTempDirs() {}

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(Path.of("/tmp"), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
