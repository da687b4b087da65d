package ist.spike.common.mem;

/**
 * The outcome of {@link MemoryHardening#apply}: whether memory is locked against swapping and
 * whether core dumps (and ptrace by non-root users) are disabled.
 */
public record MemoryHardeningResult(HardeningStep memoryLock, HardeningStep coreDumpsDisabled) {
    public boolean fullyApplied() {
        return memoryLock.isApplied() && coreDumpsDisabled.isApplied();
    }
}
