package ist.spike.pilot.cipher;

import ist.spike.common.wire.cipher.CipherBlob;
import ist.spike.common.wire.cipher.CipherEncryptResponse;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "encrypt", mixinStandardHelpOptions = true,
        description = {"Encrypt a file or stdin (stream mode), or --plaintext <base64> (JSON mode).",
                "Writes 0x01 || nonce || ciphertext || tag in both modes, so 'spike cipher decrypt' reads",
                "either back (upstream's JSON mode wrote only the ciphertext, which could not be decrypted)."})
final class CipherEncrypt implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-f", "--file"}, description = "input file (default: stdin)")
    Path file;
    @Option(names = {"-o", "--out"}, description = "output file (default: stdout)")
    Path out;
    @Option(names = "--plaintext", description = "base64 data to encrypt through the JSON API instead of a file")
    String plaintext;
    @Option(names = "--algorithm", description = "accepted for compatibility and ignored (always AES-256-GCM)")
    String algorithm;

    private final PilotContext context;

    CipherEncrypt(PilotContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        byte[] blob;
        if (plaintext != null) {
            if (file != null) {
                throw new ist.spike.pilot.command.UsageException("give --plaintext or --file, not both");
            }
            CipherEncryptResponse sealed = context.client().encrypt(CipherIo.base64("--plaintext", plaintext));
            blob = CipherBlob.join(sealed.nonce(), sealed.ciphertext());
        } else {
            blob = context.client().encryptStream(CipherIo.read(context, file));
        }
        CipherIo.write(context, spec.commandLine().getOut(), out, blob);
        return 0;
    }
}
