package dev.rulebench.models.tf.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;

/**
 * Reads TensorBoard event files back: TFRecord framing (length, masked CRC-32C of the length, data,
 * masked CRC-32C of the data), each record an {@code org.tensorflow.proto.Event}. Checksums are
 * verified, as TensorBoard does.
 */
final class EventFiles {

  private EventFiles() {}

  static List<Path> in(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
    }
  }

  static List<Event> read(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (buffer.remaining() > 0) {
      byte[] header = new byte[8];
      buffer.get(header);
      long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
      check(header, buffer.getInt(), file, "length");
      byte[] data = new byte[Math.toIntExact(length)];
      buffer.get(data);
      check(data, buffer.getInt(), file, "record");
      events.add(Event.parseFrom(data));
    }
    return events;
  }

  private static void check(byte[] bytes, int storedMaskedCrc, Path file, String what) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int value = (int) crc.getValue();
    int masked = ((value >>> 15) | (value << 17)) + 0xa282ead8;
    if (masked != storedMaskedCrc) {
      throw new IllegalStateException("bad " + what + " checksum in " + file);
    }
  }
}
