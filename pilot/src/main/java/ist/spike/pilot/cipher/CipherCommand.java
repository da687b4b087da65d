package ist.spike.pilot.cipher;

import static ist.spike.pilot.CommandNode.command;

import ist.spike.pilot.CommandNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "cipher", mixinStandardHelpOptions = true,
        description = {"Encrypt and decrypt data with SPIKE Nexus; the key never leaves Nexus.",
                "Both modes write the same binary result: 0x01 || 12-byte nonce || ciphertext || tag."})
public final class CipherCommand implements Runnable {
    /** This group and its commands, in the order usage lists them. */
    public static final CommandNode NODE = command("cipher", c -> new CipherCommand(),
            command("encrypt", CipherEncrypt::new), command("decrypt", CipherDecrypt::new));

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
