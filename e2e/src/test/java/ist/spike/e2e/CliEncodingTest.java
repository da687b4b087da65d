package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secret values stay byte-exact whatever the locale: {@code spike} runs under {@code env -i} (no locale at
 * all, as under cron, systemd and most container images), {@code LANG=C} and {@code LC_ALL=POSIX}. Each
 * command line is written into a shell script as bytes, so no JVM of the test decodes or encodes it.
 */
class CliEncodingTest {
    private static final String VALUE = "pass=ü✓ 日本 😀";
    private static LocalStack stack;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.inMemoryNexus(Map.of());
        work = Files.createTempDirectory("spike-encoding");
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
        try (var walk = Files.walk(work)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** What a command printed, as bytes. */
    record Run(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out() + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * Runs {@code spike} with an environment holding only what it needs plus {@code locale} ("" for none).
     * Each argument is shell-quoted text, or a shell expression when it starts with {@code $}.
     */
    private static Run spike(String locale, byte[] stdin, String... args) throws Exception {
        Map<String, String> env = new TreeMap<>(stack.spikeEnv("superuser"));
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", work.toString());
        env.put("SPIKE_PILOT_HELPER", "false");
        StringBuilder script = new StringBuilder("exec env -i");
        env.forEach((name, value) -> script.append(' ').append(name).append('=').append(quote(value)));
        if (!locale.isEmpty()) {
            script.append(' ').append(locale);
        }
        script.append(' ').append(quote(Processes.launcher("spike").toString()));
        for (String arg : args) {
            script.append(' ').append(arg.startsWith("$") ? "\"" + arg + "\"" : quote(arg));
        }
        Path file = Files.createTempFile(work, "cmd", ".sh");
        Files.write(file, script.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder("/bin/sh", file.toString()).redirectError(err.toFile()).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "spike did not finish");
        return new Run(process.exitValue(), out.toByteArray(), Files.readString(err));
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "LANG=C", "LC_ALL=POSIX"})
    void nonAsciiArgumentsRoundTripInAnyLocale(String locale) throws Exception {
        String path = "enc/" + (locale.isEmpty() ? "none" : locale.replace('=', '-'));
        Run put = spike(locale, null, "secret", "put", path, VALUE, "name=Zoë");
        assertEquals(0, put.exit(), put::toString);
        assertEquals("OK\n", put.out());

        Run one = spike(locale, null, "secret", "get", path, "pass");
        assertArrayEquals(utf8("ü✓ 日本 😀"), one.stdout(), one::toString);
        Run all = spike(locale, null, "secret", "get", path);
        assertEquals("name: Zoë\npass: ü✓ 日本 😀\n", all.out(), all::toString);
        Run json = spike(locale, null, "secret", "get", path, "-f", "json");
        assertEquals("{\n    \"name\": \"Zoë\",\n    \"pass\": \"ü✓ 日本 😀\"\n}\n", json.out(), json::toString);
    }

    @Test
    void aMultiLineFileIsStoredAndPrintedByteForByte() throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\r\n"
                + "ÄÖÜ\tend\n-----END PRIVATE KEY-----\n";
        Path file = work.resolve("key ü.pem");
        Files.write(file, utf8(pem));
        Run put = spike("", null, "secret", "put", "enc/pem", "key=@" + file, "literal=\\@not-a-file");
        assertEquals(0, put.exit(), put::toString);
        Run key = spike("", null, "secret", "get", "enc/pem", "key");
        assertArrayEquals(utf8(pem), key.stdout(), key::toString);
        Run literal = spike("", null, "secret", "get", "enc/pem", "literal");
        assertEquals("@not-a-file", literal.out(), literal::toString);
    }

    @Test
    void aHundredKibibyteValueFromStandardInputRoundTrips() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < 100 * 1024; line++) {
            text.append("line ").append(line).append(": ü✓ {\"json\": [1, 2]}\n");
        }
        byte[] value = utf8(text.toString());
        assertTrue(value.length > 100 * 1024);
        Run put = spike("LANG=C", value, "secret", "put", "enc/big", "doc=-", "other=x");
        assertEquals(0, put.exit(), put::toString);
        Run get = spike("LANG=C", null, "secret", "get", "enc/big", "doc");
        assertArrayEquals(value, get.stdout(), () -> "got " + get.stdout().length + " bytes");
    }

    @Test
    void anArgumentThatIsNotUtf8IsRefusedAndNothingIsSent() throws Exception {
        Run put = spike("", null, "secret", "put", "enc/bad", "$(printf 'pass=\\377\\376')");
        assertEquals(1, put.exit(), put::toString);
        assertEquals("Error: argument 4 is not valid UTF-8\n", put.stderr());
        assertEquals(0, put.stdout().length);
        assertNotStored("enc/bad");
    }

    @Test
    void aFileOrStandardInputThatIsNotUtf8IsRefusedAndNothingIsSent() throws Exception {
        Path file = work.resolve("latin1.txt");
        Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        Run fromFile = spike("", null, "secret", "put", "enc/bad-file", "k=@" + file);
        assertEquals(1, fromFile.exit(), fromFile::toString);
        assertEquals("Error: file '" + file + "' for key 'k' is not valid UTF-8\n", fromFile.stderr());
        assertNotStored("enc/bad-file");

        Run fromStdin = spike("", new byte[] {(byte) 0xC3, '(', '\n'}, "secret", "put", "enc/bad-stdin", "k=-");
        assertEquals(1, fromStdin.exit(), fromStdin::toString);
        assertEquals("Error: standard input for key 'k' is not valid UTF-8\n", fromStdin.stderr());
        assertNotStored("enc/bad-stdin");
    }

    @Test
    void standardInputGivesOneValueAndAMissingFileIsOneLine() throws Exception {
        Run twice = spike("", utf8("v"), "secret", "put", "enc/twice", "a=-", "b=-");
        assertEquals(1, twice.exit(), twice::toString);
        assertEquals("Error: standard input can give only one value (key 'b')\n", twice.stderr());
        Run missing = spike("", null, "secret", "put", "enc/missing", "a=@" + work.resolve("nothing-here"));
        assertEquals(1, missing.exit(), missing::toString);
        assertEquals("Error: cannot read '" + work.resolve("nothing-here") + "' for key 'a': no such file\n",
                missing.stderr());
        assertNotStored("enc/twice");
        assertNotStored("enc/missing");
    }

    private static void assertNotStored(String path) throws Exception {
        Run get = spike("", null, "secret", "get", path);
        assertEquals(2, get.exit(), get::toString);
        List<String> lines = new ArrayList<>(List.of(get.stderr().split("\n")));
        assertEquals(List.of("Error: Resource not found."), lines, get::toString);
    }
}
