package ist.spike.nexus;

/** Placeholder entry point. */
public final class NexusMain {
    public static void main(String[] args) {
        System.out.println("usage: nexus");
    }
}
