package ist.spike.pilot.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ist.spike.pilot.command.PilotContext;
import ist.spike.pilot.command.UsageException;
import ist.spike.pilot.text.Utf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Create or update (by name) a policy from a YAML file or from flags.",
                "YAML keys: name, spiffeidPattern, pathPattern, permissions (a list).",
                "Patterns that are not anchored (they match anywhere) are refused unless --allow-unanchored."})
final class PolicyApply implements Runnable {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Spec
    CommandSpec spec;
    @Option(names = "--file", description = "YAML policy file")
    Path file;
    @Mixin
    PolicyFlags flags;
    @Mixin
    UnanchoredPatterns unanchored;

    private final PilotContext context;

    PolicyApply(PilotContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        PolicyDraft draft;
        if (file != null) {
            if (flags.anyGiven()) {
                throw new UsageException("give either --file or the policy flags, not both");
            }
            draft = read(file).checked();
        } else {
            draft = flags.draft();
        }
        unanchored.check(draft, spec.commandLine().getErr());
        context.client().putPolicy(draft.name(), draft.spiffeidPattern(), draft.pathPattern(), draft.permissions());
        spec.commandLine().getOut().println("Policy '" + draft.name() + "' applied successfully");
    }

    private static PolicyDraft read(Path file) {
        try {
            PolicyDraft draft = YAML.readValue(Utf8.decode(Files.readAllBytes(file), "policy file " + file),
                    PolicyDraft.class);
            if (draft == null) {
                throw new UsageException("policy file " + file + " is empty");
            }
            return draft;
        } catch (NoSuchFileException e) {
            throw new UsageException("policy file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new UsageException("policy file " + file + " is not a valid policy: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read policy file " + file + ": " + e.getMessage());
        }
    }
}
