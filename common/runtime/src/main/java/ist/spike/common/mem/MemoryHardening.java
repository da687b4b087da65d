package ist.spike.common.mem;

import com.sun.jna.LastErrorException;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps secrets out of swap and core dumps: {@code mlockall} pins the process's memory, and
 * {@code prctl(PR_SET_DUMPABLE, 0)} disables core dumps and ptrace attach by other users.
 *
 * <p>Never fatal, as upstream: a process that cannot lock memory still runs. Upstream logs the
 * failure only when {@code SPIKE_PILOT_SHOW_MEMORY_WARNING=true}; callers pass that flag in.
 */
public final class MemoryHardening {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryHardening.class);

    private MemoryHardening() {}

    /**
     * Applies both measures on Linux; elsewhere reports them as skipped.
     *
     * @param showWarnings log a warning for each measure that could not be applied
     */
    public static MemoryHardeningResult apply(boolean showWarnings) {
        MemoryHardeningResult result = attempt(Platform.isLinux());
        report(result, showWarnings, LOG);
        return result;
    }

    static MemoryHardeningResult attempt(boolean linux) {
        if (!linux) {
            HardeningStep skipped = HardeningStep.skipped("not Linux (" + System.getProperty("os.name") + ")");
            return new MemoryHardeningResult(skipped, skipped);
        }
        LibC libc;
        try {
            libc = LibC.load();
        } catch (LinkageError e) {
            HardeningStep unavailable = HardeningStep.skipped("libc not loadable through JNA: " + e.getMessage());
            return new MemoryHardeningResult(unavailable, unavailable);
        }
        return new MemoryHardeningResult(lockMemory(libc), disableCoreDumps(libc));
    }

    private static HardeningStep lockMemory(LibC libc) {
        try {
            libc.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE | LibC.MCL_ONFAULT);
            return HardeningStep.applied();
        } catch (LastErrorException e) {
            return HardeningStep.failed(e.getErrorCode(), "mlockall: " + Errno.describe(e) + lockHint(e.getErrorCode()));
        }
    }

    private static HardeningStep disableCoreDumps(LibC libc) {
        try {
            libc.prctl(LibC.PR_SET_DUMPABLE, 0, 0, 0, 0);
            return HardeningStep.applied();
        } catch (LastErrorException e) {
            return HardeningStep.failed(e.getErrorCode(), "prctl(PR_SET_DUMPABLE, 0): " + Errno.describe(e));
        }
    }

    private static String lockHint(int errno) {
        return switch (errno) {
            case Errno.ENOMEM, Errno.EPERM, Errno.EAGAIN -> " (grant CAP_IPC_LOCK or raise RLIMIT_MEMLOCK)";
            case Errno.EINVAL -> " (the kernel may predate MCL_ONFAULT, Linux 4.4)";
            default -> "";
        };
    }

    static void report(MemoryHardeningResult result, boolean showWarnings, Logger log) {
        if (!showWarnings) {
            return;
        }
        if (!result.memoryLock().isApplied()) {
            log.warn("Memory is not locked, so secrets could be swapped to disk: {}", result.memoryLock().detail());
        }
        if (!result.coreDumpsDisabled().isApplied()) {
            log.warn("Core dumps are not disabled, so secrets could end up in a dump: {}",
                    result.coreDumpsDisabled().detail());
        }
    }
}
