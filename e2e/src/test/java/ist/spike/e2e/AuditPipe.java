package ist.spike.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A named pipe as Nexus's audit sink, with a reader that can go away and come back: what an operator
 * sees when the process that ships the audit trail dies (the writer's next line fails with "Broken pipe").
 */
final class AuditPipe implements AutoCloseable {
    final Path path;
    private Thread reader;

    AuditPipe(Path path) throws IOException, InterruptedException {
        this.path = path;
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
    }

    /** A reader that drains the pipe until {@link #stopReading()}; opening waits for the writer in its thread. */
    synchronized void startReading() {
        reader = Thread.ofPlatform().daemon().name("audit-pipe-reader").start(() -> {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                while (channel.read(buffer) >= 0) {
                    buffer.clear();
                }
            } catch (IOException e) {
                // interrupted: this reader is gone
            }
        });
    }

    /** Closes the reading end: nobody reads the pipe any more. */
    synchronized void stopReading() throws InterruptedException {
        if (reader != null) {
            reader.interrupt();
            reader.join(5_000); // a reader still waiting for a writer does not wake on interrupt
            reader = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopReading();
    }
}
