package ist.spike.pilot.cipher;

import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

// No mixinStandardHelpOptions: its --version would clash with upstream's --version flag here.
@Command(name = "decrypt",
        description = {"Decrypt what 'spike cipher encrypt' wrote (a file or stdin, stream mode), or",
                "--nonce and --ciphertext in base64 (JSON mode). Writes the plaintext."})
final class CipherDecrypt implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;
    @Option(names = {"-f", "--file"}, description = "input file (default: stdin)")
    Path file;
    @Option(names = {"-o", "--out"}, description = "output file (default: stdout)")
    Path out;
    @Option(names = "--version", description = "JSON mode: cipher version (0-255; Nexus accepts 1)")
    Integer version;
    @Option(names = "--nonce", description = "JSON mode: the 12-byte nonce, base64")
    String nonce;
    @Option(names = "--ciphertext", description = "JSON mode: ciphertext with tag, base64")
    String ciphertext;
    @Option(names = "--algorithm", description = "accepted for compatibility and ignored (always AES-256-GCM)")
    String algorithm;

    private final PilotContext context;

    CipherDecrypt(PilotContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        byte[] plaintext;
        if (version != null || nonce != null || ciphertext != null) {
            if (file != null) {
                throw new UsageException("give --nonce/--ciphertext or --file, not both");
            }
            if (nonce == null || ciphertext == null) {
                throw new UsageException("JSON mode needs both --nonce and --ciphertext");
            }
            int v = version == null ? 1 : version;
            if (v < 0 || v > 255) {
                throw new UsageException("--version must be 0-255");
            }
            plaintext = context.client().decrypt(v, CipherIo.base64("--nonce", nonce),
                    CipherIo.base64("--ciphertext", ciphertext));
        } else {
            plaintext = context.client().decryptStream(CipherIo.read(context, file));
        }
        CipherIo.write(context, spec.commandLine().getOut(), out, plaintext);
        return 0;
    }
}
