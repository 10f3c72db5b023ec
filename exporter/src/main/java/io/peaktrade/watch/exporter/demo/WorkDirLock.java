package io.peaktrade.watch.exporter.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One demo per work directory: two would append to one event file, share Prometheus' data (whose
 * own lock makes the second fail late and obscurely) and delete each other's files. The lock is an
 * OS file lock (fcntl), so it ends with the process however that ends; the file stays (deleting it
 * would let a third demo lock a new file while a second holds the old one) and names the holder.
 */
final class WorkDirLock implements AutoCloseable {

  static final String FILE = ".execution-watch-demo.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private WorkDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks {@code dir}, or says who holds it. */
  static WorkDirLock acquire(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String holder = holder(channel);
      channel.close();
      throw new IOException(
          "The work directory "
              + dir.toAbsolutePath()
              + " is in use by another demo"
              + (holder.isEmpty() ? "" : " (pid " + holder + ")")
              + ": stop that one, or give this one another work directory (--work-dir).");
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
        0);
    channel.force(false);
    return new WorkDirLock(channel, lock);
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(32);
    channel.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
