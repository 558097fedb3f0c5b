package dev.rulebench.train;

import dev.rulebench.config.Json;
import dev.rulebench.io.Folders;
import dev.rulebench.io.Hashes;
import dev.rulebench.io.KillPoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run's checkpoints, each a single unit: the model's files, the trainer's state and a manifest
 * of every file's size and SHA-256, written to a temporary folder and renamed into place as
 * {@code step-<n>}. A crash at any moment leaves either the previous checkpoint or the new one
 * complete, never a model of one step beside the trainer state of another.
 *
 * <p>Resuming trusts a checkpoint only after checking the manifest against the files, the run's
 * cache key and the step; anything else is reported, deleted, and the run starts from the
 * beginning.
 */
final class CheckpointStore {

  static final String MODEL = "model";
  static final String TRAINER = "trainer.json";
  static final String MANIFEST = "manifest.json";
  private static final String STAGING_PREFIX = ".saving-";
  private static final Pattern CHECKPOINT = Pattern.compile("step-(\\d+)");

  /**
   * What the manifest records.
   *
   * @param cacheKey the run the checkpoint belongs to
   * @param step optimizer steps completed when it was written
   * @param files every file of the checkpoint but the manifest, by path relative to the checkpoint
   */
  record Manifest(String cacheKey, long step, Map<String, FileDigest> files) {}

  record FileDigest(long bytes, String sha256) {}

  /** A verified checkpoint: the trainer state, and the folder holding the model's files. */
  record Verified(TrainerState state, Path modelFolder) {}

  private final Path folder;

  CheckpointStore(Path folder) {
    this.folder = folder;
  }

  /**
   * Writes a checkpoint as one unit and deletes the ones before it.
   *
   * @param writeModel writes the model's files into the folder it is given
   */
  void save(TrainerState state, Consumer<Path> writeModel) {
    // unique: two runs of the same trial (two suites, parallel lanes) may share the folder
    Path staging = folder.resolve(STAGING_PREFIX + name(state.step()) + "-" + java.util.UUID.randomUUID());
    Path target = folder.resolve(name(state.step()));
    try {
      Files.createDirectories(folder);
      Folders.delete(staging);
      Path model = Files.createDirectories(staging.resolve(MODEL));
      writeModel.accept(model);
      KillPoints.reached(KillPoints.CHECKPOINT_MODEL_WRITTEN);
      Files.writeString(staging.resolve(TRAINER), Json.write(state));
      // plain writes: the whole folder becomes visible at once, by the rename below
      Files.writeString(staging.resolve(MANIFEST), Json.write(new Manifest(state.cacheKey(), state.step(),
          digests(staging))));
      KillPoints.reached(KillPoints.CHECKPOINT_STAGED);
      Folders.delete(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      KillPoints.reached(KillPoints.CHECKPOINT_RENAMED);
      for (Path other : entries()) {
        String name = other.getFileName().toString();
        // older checkpoints, and temporary folders a crash left behind (not one being written now)
        boolean older = !other.equals(target) && CHECKPOINT.matcher(name).matches() && step(other) < state.step();
        if (older) {
          Folders.delete(other);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint in " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * The newest checkpoint of this run, verified; empty when there is none. A checkpoint that fails
   * verification is reported to {@code discarded} with the reason, and every checkpoint of the
   * folder is deleted, so the run starts from the beginning.
   */
  Optional<Verified> latest(String cacheKey, Consumer<String> discarded) {
    List<Path> checkpoints = entries().stream().filter(p -> CHECKPOINT.matcher(p.getFileName().toString()).matches())
        .sorted(Comparator.comparingLong(CheckpointStore::step).reversed()).toList();
    if (checkpoints.isEmpty()) {
      discardAll();
      return Optional.empty();
    }
    Path newest = checkpoints.get(0);
    try {
      return Optional.of(new Verified(verify(newest, cacheKey), newest.resolve(MODEL)));
    } catch (Refused refused) {
      discarded.accept("checkpoint " + newest + " " + refused.getMessage() + ": discarded, training from the start");
      discardAll();
      return Optional.empty();
    }
  }

  /**
   * Deletes every checkpoint and half-written checkpoint of the run, and nothing else: the folder
   * may be one a user named ({@code rulebench run --checkpoint DIR}).
   */
  void discardAll() {
    try {
      for (Path entry : entries()) {
        String name = entry.getFileName().toString();
        if (CHECKPOINT.matcher(name).matches() || name.startsWith(STAGING_PREFIX)) {
          Folders.delete(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the checkpoints in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** A checkpoint that fails verification, and why. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The checkpoint's trainer state, once every check holds. */
  private static TrainerState verify(Path checkpoint, String cacheKey) throws Refused {
    Manifest manifest;
    try {
      manifest = Json.mapper().readValue(checkpoint.resolve(MANIFEST).toFile(), Manifest.class);
    } catch (IOException e) {
      throw new Refused("has no readable manifest (" + firstLine(e) + ")");
    }
    if (manifest.files() == null || manifest.cacheKey() == null) {
      throw new Refused("has an incomplete manifest");
    }
    if (!cacheKey.equals(manifest.cacheKey())) {
      throw new Refused("belongs to run " + manifest.cacheKey() + ", not " + cacheKey);
    }
    if (manifest.step() != step(checkpoint)) {
      throw new Refused("records step " + manifest.step() + " in a folder named for step " + step(checkpoint));
    }
    Map<String, FileDigest> actual;
    try {
      actual = digests(checkpoint);
    } catch (IOException e) {
      throw new Refused("cannot be read (" + firstLine(e) + ")");
    }
    for (Map.Entry<String, FileDigest> expected : manifest.files().entrySet()) {
      FileDigest found = actual.get(expected.getKey());
      if (found == null) {
        throw new Refused("lacks " + expected.getKey());
      }
      if (found.bytes() != expected.getValue().bytes()) {
        throw new Refused("has " + expected.getKey() + " of " + found.bytes() + " bytes, the manifest says "
            + expected.getValue().bytes());
      }
      if (!found.sha256().equals(expected.getValue().sha256())) {
        throw new Refused("has " + expected.getKey() + " whose checksum does not match the manifest");
      }
    }
    for (String extra : actual.keySet()) {
      if (!manifest.files().containsKey(extra)) {
        throw new Refused("holds " + extra + ", which the manifest does not list");
      }
    }
    if (!manifest.files().containsKey(TRAINER)) {
      throw new Refused("lacks " + TRAINER);
    }
    TrainerState state;
    try {
      state = Json.read(checkpoint.resolve(TRAINER), TrainerState.class);
    } catch (UncheckedIOException e) {
      throw new Refused("has an unreadable " + TRAINER + " (" + firstLine(e) + ")");
    }
    if (!cacheKey.equals(state.cacheKey()) || state.step() != manifest.step()) {
      throw new Refused("holds the trainer state of run " + state.cacheKey() + " at step " + state.step());
    }
    return state;
  }

  /** Size and SHA-256 of every file below the checkpoint but the manifest, by relative path. */
  private static Map<String, FileDigest> digests(Path checkpoint) throws IOException {
    Map<String, FileDigest> digests = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(checkpoint)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String relative = checkpoint.relativize(file).toString().replace('\\', '/');
        if (!relative.equals(MANIFEST)) {
          digests.put(relative, new FileDigest(Files.size(file), Hashes.sha256(file)));
        }
      }
    }
    return digests;
  }

  private List<Path> entries() {
    try (Stream<Path> list = Files.list(folder)) {
      return new ArrayList<>(list.toList());
    } catch (NoSuchFileException e) {
      return new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the checkpoints in " + folder + ": " + e.getMessage(), e);
    }
  }

  private static String name(long step) {
    return "step-" + step;
  }

  private static long step(Path checkpoint) {
    Matcher matcher = CHECKPOINT.matcher(checkpoint.getFileName().toString());
    try {
      return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
