package ist.spike.keeper;

/** Placeholder entry point. */
public final class KeeperMain {
    public static void main(String[] args) {
        System.out.println("usage: keeper");
    }
}
