package dev.rulebench.model;

/**
 * A run asked for a device this machine cannot give it (e.g. {@code gpu} without a usable GPU). The
 * run cannot start; callers report it as aborted with this message rather than as a failure.
 */
public class DeviceUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DeviceUnavailableException(String message) {
    super(message);
  }
}
