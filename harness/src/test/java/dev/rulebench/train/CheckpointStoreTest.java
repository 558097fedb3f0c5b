package dev.rulebench.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint is trusted only whole, verified and of the same run; anything else is discarded. */
class CheckpointStoreTest {

  private static final String RUN = "0123456789abcdef0123";

  @TempDir
  Path folder;

  private final List<String> discarded = new ArrayList<>();

  private static TrainerState state(String cacheKey, long step) {
    return new TrainerState(cacheKey, (int) step / 4, step, List.of(), 0.5, 0, 1.0, 0.5, List.of(), null);
  }

  private CheckpointStore saved(long... steps) {
    CheckpointStore store = new CheckpointStore(folder);
    for (long step : steps) {
      store.save(state(RUN, step), model -> write(model.resolve("weights.bin"), "weights at step " + step));
    }
    return store;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Optional<CheckpointStore.Verified> latest(CheckpointStore store) {
    return store.latest(RUN, discarded::add);
  }

  @Test
  void theNewestWholeCheckpointIsResumedAndOlderOnesAreGone() throws IOException {
    Optional<CheckpointStore.Verified> found = latest(saved(4, 8, 12));

    assertThat(found).get().satisfies(v -> {
      assertThat(v.state().step()).isEqualTo(12);
      assertThat(v.modelFolder().resolve("weights.bin")).hasContent("weights at step 12");
    });
    try (var entries = Files.list(folder)) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList()).containsExactly("step-12");
    }
    assertThat(discarded).isEmpty();
  }

  @Test
  void aFlippedBitInTheModelIsDiscardedWithTheReason() throws IOException {
    CheckpointStore store = saved(4);
    Path weights = folder.resolve("step-4/model/weights.bin");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[3] ^= 1;
    Files.write(weights, bytes);

    assertThat(latest(store)).isEmpty();
    assertThat(discarded).singleElement().asString()
        .contains("has model/weights.bin whose checksum does not match the manifest")
        .endsWith("discarded, training from the start");
    assertThat(folder.resolve("step-4")).doesNotExist();
  }

  @Test
  void aTruncatedFileIsDiscarded() throws IOException {
    CheckpointStore store = saved(4);
    Files.writeString(folder.resolve("step-4/model/weights.bin"), "wei");

    assertThat(latest(store)).isEmpty();
    assertThat(discarded).singleElement().asString().contains("of 3 bytes, the manifest says 17");
  }

  @Test
  void aTrainerStateOfAnotherStepIsDiscarded() throws IOException {
    CheckpointStore store = saved(4);
    Path other = Files.createTempDirectory(folder.getParent(), "other");
    CheckpointStore otherStore = new CheckpointStore(other);
    otherStore.save(state(RUN, 12), model -> write(model.resolve("weights.bin"), "weights at step 12"));
    Files.copy(other.resolve("step-12/trainer.json"), folder.resolve("step-4/trainer.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThat(latest(store)).isEmpty();
    assertThat(discarded).singleElement().asString().contains("trainer.json");
  }

  @Test
  void aCheckpointOfAnotherRunIsDiscarded() {
    CheckpointStore store = saved(4);

    assertThat(store.latest("fedcba9876543210fedc", discarded::add)).isEmpty();
    assertThat(discarded).singleElement().asString().contains("belongs to run " + RUN);
  }

  @Test
  void aMissingOrUnlistedFileIsDiscarded() throws IOException {
    CheckpointStore store = saved(4);
    Files.writeString(folder.resolve("step-4/model/extra.bin"), "stray");
    assertThat(latest(store)).isEmpty();
    assertThat(discarded).singleElement().asString().contains("holds model/extra.bin, which the manifest does not list");

    discarded.clear();
    store = saved(8);
    Files.delete(folder.resolve("step-8/" + CheckpointStore.MANIFEST));
    assertThat(latest(store)).isEmpty();
    assertThat(discarded).singleElement().asString().contains("has no readable manifest");
  }

  @Test
  void aHalfWrittenCheckpointIsNeverSeenAndThePreviousOneResumes() throws IOException {
    CheckpointStore store = saved(4);
    // what a crash while writing step 8 leaves: its temporary folder, model files and no manifest
    Path staging = Files.createDirectories(folder.resolve(".saving-step-8/model"));
    Files.writeString(staging.resolve("weights.bin"), "half");

    assertThat(latest(store)).get().satisfies(v -> assertThat(v.state().step()).isEqualTo(4));
    assertThat(discarded).isEmpty();
  }

  @Test
  void discardingLeavesAUsersOwnFilesInTheFolder() throws IOException {
    CheckpointStore store = saved(4);
    Files.writeString(folder.resolve("notes.txt"), "mine");
    Files.createDirectories(folder.resolve(".saving-step-8"));

    store.discardAll();

    try (var entries = Files.list(folder)) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
    }
  }
}
