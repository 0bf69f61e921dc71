package io.agentscale.profile;

import java.nio.file.Path;
import java.util.List;

/** The bundled example profiles (stacks/*.yaml), the one place tests name and read them from. */
public final class Examples {
  public static final String DENTAL = "stacks/dental-receptionist.yaml";
  public static final String PIZZA = "stacks/pizza-orders.yaml";
  public static final String CRISIS = "stacks/crisis-hotline.yaml";
  /** Their agent names, in the order the README's tables list them. */
  public static final List<String> NAMES = List.of("dental-receptionist", "pizza-orders", "crisis-hotline");

  private Examples() {}

  /** The file of the example named {@code name} (its agent.name). */
  public static Path file(String name) {
    return Path.of("stacks", name + ".yaml");
  }

  /** The example named {@code name}, loaded. */
  public static ScalingProfile load(String name) {
    return ProfileLoader.load(file(name));
  }
}
