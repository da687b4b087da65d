package ist.spike.pilot.cipher;

import static ist.spike.pilot.command.CommandNode.command;
import static ist.spike.pilot.command.CommandNode.group;

import ist.spike.pilot.command.CommandNode;

/** {@code spike cipher}: the group and its commands, in the order usage lists them. */
public final class CipherCommand {
    public static final CommandNode NODE = group("cipher", new String[] {
                "Encrypt and decrypt data with SPIKE Nexus; the key never leaves Nexus.",
                "Both modes write the same binary result: 0x01 || 12-byte nonce || ciphertext || tag."},
            command("encrypt", CipherEncrypt::new), command("decrypt", CipherDecrypt::new));

    private CipherCommand() {}
}
