package ist.spike.pilot.cipher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "cipher", mixinStandardHelpOptions = true,
        description = {"Encrypt and decrypt data with SPIKE Nexus; the key never leaves Nexus.",
                "Both modes write the same binary result: 0x01 || 12-byte nonce || ciphertext || tag."},
        subcommands = {CipherEncrypt.class, CipherDecrypt.class})
public final class CipherCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
