package io.agentscale.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentscale.profile.ClusterMode;
import io.agentscale.profile.ScalingProfile;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EKS version findings against the dated calendar, with today's date injected. */
class EksVersionsTest {
  static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

  static List<Finding> on(String version, LocalDate today) {
    return EksVersions.findings(ScalingProfile.ofDefaults("x").toBuilder().kubernetesVersion(version).build(), today);
  }

  @Test
  void theDefaultIsInStandardSupport() {
    assertThat(EksVersions.findings(ScalingProfile.ofDefaults("x"), TODAY)).isEmpty();
    assertThat(EksVersions.newestInStandardSupport(TODAY)).isEqualTo("1.35");
  }

  @Test
  void aVersionPastStandardSupportWarnsOfTheExtendedSupportPrice() {
    assertThat(on("1.33", TODAY)).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("eks-version-extended-support");
      assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
      assertThat(f.message()).contains("2026-07-29").contains("$0.60").contains("2027-07-29").endsWith("choose 1.35");
    });
    assertThat(on("1.34", TODAY)).isEmpty(); // standard support ends tomorrow
    assertThat(on("1.34", TODAY.plusDays(2))).extracting(Finding::rule).containsExactly("eks-version-extended-support");
  }

  @Test
  void aNewClusterCannotBeCreatedOnAVersionPastExtendedSupport() {
    assertThat(on("1.31", TODAY)).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("eks-version-unsupported");
      assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
      assertThat(f.message()).contains("2026-11-26").contains("can no longer create");
    });
    var existing = ScalingProfile.ofDefaults("x").toBuilder().kubernetesVersion("1.31")
        .clusterMode(ClusterMode.EXISTING).clusterName("prod").build();
    assertThat(EksVersions.findings(existing, TODAY)).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING));
  }

  @Test
  void theConfigurableToleranceNeeds135() {
    var old = ScalingProfile.ofDefaults("x").toBuilder().kubernetesVersion("1.34").configurableTolerance(true).build();
    assertThat(EksVersions.findings(old, TODAY)).extracting(Finding::rule).containsExactly("tolerance-needs-1.35");
    var current = ScalingProfile.ofDefaults("x").toBuilder().configurableTolerance(true).build();
    assertThat(EksVersions.findings(current, TODAY)).isEmpty();
    assertThat(PlanReport.of(old, TODAY).hasErrors()).isTrue();
  }

  @Test
  void aVersionOutsideTheCalendarIsFlagged() {
    assertThat(on("1.36", TODAY)).extracting(Finding::rule).containsExactly("eks-version-unknown");
  }
}
