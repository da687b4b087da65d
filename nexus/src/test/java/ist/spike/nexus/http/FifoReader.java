package ist.spike.nexus.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The reading end of a named pipe used as an audit sink: collects its lines until closed, which closes
 * this end (with no reader left, the writer's next write fails with "Broken pipe").
 */
final class FifoReader implements AutoCloseable {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread thread;

    /** Starts reading; opening blocks (in the reader's thread) until a writer opens the pipe. */
    FifoReader(Path fifo) {
        thread = Thread.ofPlatform().daemon().name("fifo-reader").start(() -> {
            // Bytes by hand: a Reader on a FileChannel waits to fill its whole buffer before it returns.
            try (FileChannel channel = FileChannel.open(fifo, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                while (channel.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        byte b = buffer.get();
                        if (b == '\n') {
                            lines.add(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(b);
                        }
                    }
                    buffer.clear();
                }
            } catch (IOException e) {
                // closed by interrupt: the end of this reader
            }
        });
    }

    static Path create(Path fifo) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo failed");
        }
        return fifo;
    }

    /** The next line read, waiting for it up to {@code seconds}; null if none came. */
    String next(int seconds) throws InterruptedException {
        return lines.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
