package dev.rulebench.reports.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.eval.Metric;
import dev.rulebench.eval.Statistic;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceTableTest {

  @Test
  void mainTableHoldsSixLanguagesTimesFiveModels() {
    ReferenceTable table = ReferenceTable.mainTable();
    assertThat(table.rows()).hasSize(30);
    assertThat(table.paper()).isEqualTo(Paper.RULE_EXTRAPOLATION);
    ReferenceTable.Row transformer = table.find("aNbN", "Transformer").orElseThrow();
    assertThat(transformer.runs()).isEqualTo(268);
    assertThat(transformer.find(Metric.OOD_R1)).contains(new Statistic(0.657, 0.162, 268));
    assertThat(transformer.find(Metric.TEST_LOSS)).contains(new Statistic(0.022, 0.002, 268));
    assertThat(table.find("cs_dyck", "xLSTM").orElseThrow().find(Metric.OOD_R2_COMPLETION))
        .contains(new Statistic(0.715, 0.121, 17));
  }

  @Test
  void caseStudyRowsAreKeyedByVariantAndAMissingStdIsZero() {
    ReferenceTable table = ReferenceTable.caseStudy();
    assertThat(table.paper()).isEqualTo(Paper.POSITION);
    ReferenceTable.Row oracle = table.findOnly("oracle").orElseThrow();
    assertThat(oracle.model()).isEqualTo("transformer-d10-h5-l5");
    assertThat(oracle.find(Metric.OOD_R1)).contains(new Statistic(0.830, 0.105, 44));
    assertThat(oracle.find(Metric.OOD_R2_COMPLETION)).contains(new Statistic(1.0, 0.0, 44));
    assertThat(table.findOnly("adversarial").orElseThrow().find(Metric.ID_GRAMMATICAL))
        .contains(new Statistic(0.120, 0.304, 50));
  }

  @Test
  void architectureNamesMapToThePapersModelNames() {
    assertThat(ReferenceModels.paperName("xlstm")).contains("xLSTM");
    assertThat(ReferenceModels.paperName("linear")).contains("Linear");
    assertThat(ReferenceModels.paperName("myNet")).isEmpty();
    assertThat(ReferenceModels.displayName("myNet")).isEqualTo("myNet");
  }

  @Test
  void aMalformedRowIsNamed() {
    assertThatThrownBy(() -> ReferenceTable.parse(Paper.POSITION, "x.csv",
        List.of("variant,model,n_runs,ood_r1_mean", "normal,t,3")))
        .hasMessageContaining("x.csv").hasMessageContaining("normal,t,3");
  }
}
