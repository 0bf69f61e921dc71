package io.agentscale.simulate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Which pods a ReplicaSet deletes first when it scales down, as the controller decides (kubernetes/kubernetes
 * {@code pkg/controller/replicaset} {@code getPodsToDelete} with {@code getPodsRankedByRelatedPodsOnSameNode}, and
 * {@code pkg/controller/controller_utils.go} {@code ActivePodsWithRanks.Less}, LogarithmicScaleDown GA since 1.31):
 * <ol>
 *   <li>unscheduled before scheduled;</li>
 *   <li>Pending before Unknown before Running;</li>
 *   <li>not ready before ready;</li>
 *   <li>lower {@code controller.kubernetes.io/pod-deletion-cost} first;</li>
 *   <li>pods on nodes with more of the set's pods first (the rank);</li>
 *   <li>both ready at different times: the more recently ready first, compared by ⌊log₂⌋ of the nanoseconds since,
 *       and within one bucket by UID, and nothing later is looked at; a ready pod without a ready time first;</li>
 *   <li>more container restarts first;</li>
 *   <li>different creation times: the newer first by the same buckets of age, the UID deciding within one.</li>
 * </ol>
 * Times are ages in seconds before now; null stands for Kubernetes' zero time. Kubernetes stores timestamps to the
 * second, so callers round the moments to whole seconds (two pods ready in the same second tie on that criterion).
 */
public final class ReplicaSetOrder {
  private ReplicaSetOrder() {}

  /** The controller's phase ordinals; any other phase counts as Pending. */
  public enum Phase { Pending, Unknown, Running }

  /**
   * A pod as the controller sees it.
   *
   * @param node null when unscheduled
   * @param readySeconds time since the pod turned ready; null when not ready, or ready without a transition time
   * @param ageSeconds time since creation; null for a zero creation time
   */
  public record Pod(String name, String uid, String node, Phase phase, boolean ready, Double readySeconds,
      int restarts, Double ageSeconds, long deletionCost) {}

  /** The pods, first deleted first. Ranks count the given pods on each node, as the controller counts its own. */
  public static List<Pod> order(List<Pod> pods) {
    var onNode = new HashMap<String, Integer>();
    pods.forEach(p -> onNode.merge(String.valueOf(p.node()), 1, Integer::sum));
    var ranked = new ArrayList<Ranked>();
    pods.forEach(p -> ranked.add(new Ranked(p, onNode.get(String.valueOf(p.node())))));
    // A stable insertion sort: Less is not a strict weak order in every corner (UID ties inside a log bucket next to
    // equal ready times), and Java's merge sort may refuse such a comparator; the sets here are small.
    for (int i = 1; i < ranked.size(); i++) {
      var item = ranked.get(i);
      int j = i - 1;
      while (j >= 0 && less(item, ranked.get(j))) {
        ranked.set(j + 1, ranked.get(j));
        j--;
      }
      ranked.set(j + 1, item);
    }
    return ranked.stream().map(Ranked::pod).toList();
  }

  /** A pod with the number of the set's pods on its node. */
  public record Ranked(Pod pod, int rank) {}

  /** {@code ActivePodsWithRanks.Less}: true when {@code a} is deleted before {@code b}. */
  public static boolean less(Ranked a, Ranked b) {
    Pod x = a.pod();
    Pod y = b.pod();
    if (x.node() == null != (y.node() == null)) {
      return x.node() == null;
    }
    if (x.phase() != y.phase()) {
      return x.phase().ordinal() < y.phase().ordinal();
    }
    if (x.ready() != y.ready()) {
      return !x.ready();
    }
    if (x.deletionCost() != y.deletionCost()) {
      return x.deletionCost() < y.deletionCost();
    }
    if (a.rank() != b.rank()) {
      return a.rank() > b.rank();
    }
    if (x.ready() && y.ready() && !java.util.Objects.equals(x.readySeconds(), y.readySeconds())) {
      return newerFirst(x, y, x.readySeconds(), y.readySeconds());
    }
    if (x.restarts() != y.restarts()) {
      return x.restarts() > y.restarts();
    }
    if (!java.util.Objects.equals(x.ageSeconds(), y.ageSeconds())) {
      return newerFirst(x, y, x.ageSeconds(), y.ageSeconds());
    }
    return false;
  }

  /** The zero time first, else the younger log₂ bucket first, else the smaller UID. */
  private static boolean newerFirst(Pod x, Pod y, Double ageX, Double ageY) {
    if (ageX == null || ageY == null) {
      return ageX == null;
    }
    long diff = bucket(ageX) - bucket(ageY);
    return diff == 0 ? x.uid().compareTo(y.uid()) < 0 : diff < 0;
  }

  /**
   * {@code logarithmicRankDiff}'s rank: {@code int64(math.Log2(float64(nanoseconds)))}, or −1 for no time at all.
   * Computed as Go computes Log2 (exact at powers of two, else log(frac)/ln 2 + exp), so the rare durations just
   * below a power of two fall in the same bucket as upstream puts them.
   */
  static long bucket(double seconds) {
    double nanos = Math.round(seconds * 1e9);
    if (nanos <= 0) {
      return -1;
    }
    int exp = Math.getExponent(nanos) + 1;
    double frac = nanos / Math.scalb(1.0, exp); // in [0.5, 1), as Go's Frexp
    double log2 = frac == 0.5 ? exp - 1 : StrictMath.log(frac) * (1 / StrictMath.log(2)) + exp;
    return (long) log2;
  }
}
