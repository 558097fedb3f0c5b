package dev.rulebench.reports.claims;

import dev.rulebench.eval.HistoryAggregation;
import dev.rulebench.eval.Metric;
import dev.rulebench.eval.SeedAggregate;
import dev.rulebench.eval.Statistic;
import dev.rulebench.reports.cell.Cell;
import dev.rulebench.reports.cell.Cells;
import dev.rulebench.reports.reference.ReferenceModels;
import dev.rulebench.reports.reference.ReferenceTable;
import dev.rulebench.reports.table.TableLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The values a claim is checked against: RuleBench's runs, or the papers' published tables. */
public interface ClaimData {

  /**
   * A cell's value: absent when there is no such cell, {@link #notMeasured} when none of its runs'
   * completions finished.
   */
  record Reading(Statistic statistic, boolean notMeasured) {
    static Reading of(Statistic statistic) {
      return new Reading(statistic, false);
    }

    static Reading unmeasured() {
      return new Reading(null, true);
    }

    double mean() {
      return statistic.mean();
    }
  }

  /** The languages with a cell of this architecture (normal training). */
  List<String> languages(String architecture);

  /** The architectures with a cell on this language (normal training). */
  List<String> architectures(String language);

  Optional<Reading> read(String language, String architecture, String variant, Metric metric,
      HistoryAggregation aggregation);

  /**
   * RuleBench's cells: the main table's claims read the suites laid out as the main table, the case
   * study's the suites with training variants (never a case-study model for a main-table claim);
   * each (language, architecture, variant) from its cell with the most runs.
   */
  static ClaimData of(List<Cell> all) {
    List<Cell> main = new ArrayList<>();
    List<Cell> caseStudy = new ArrayList<>();
    Cells.bySuite(all).values().forEach(suite -> (TableLayout.of(suite) == TableLayout.CASE_STUDY ? caseStudy : main)
        .addAll(suite));
    return new ClaimData() {
      private Optional<Cell> cell(String language, String architecture, String variant,
          HistoryAggregation aggregation) {
        List<Cell> cells = aggregation == HistoryAggregation.BEST_CHECKPOINT ? caseStudy : main;
        return cells.stream().filter(c -> c.key().language().equals(language)
                && c.key().architecture().equalsIgnoreCase(architecture) && c.variant().equals(variant))
            .max(Comparator.comparingInt((Cell c) -> c.runs().size()));
      }

      @Override
      public List<String> languages(String architecture) {
        Set<String> found = new LinkedHashSet<>();
        main.stream().filter(c -> c.key().architecture().equalsIgnoreCase(architecture) && c.variant().equals("normal"))
            .forEach(c -> found.add(c.key().language()));
        return new ArrayList<>(found);
      }

      @Override
      public List<String> architectures(String language) {
        Set<String> found = new LinkedHashSet<>();
        main.stream().filter(c -> c.key().language().equals(language) && c.variant().equals("normal"))
            .forEach(c -> found.add(c.key().architecture().toLowerCase(Locale.ROOT)));
        return new ArrayList<>(found);
      }

      @Override
      public Optional<Reading> read(String language, String architecture, String variant, Metric metric,
          HistoryAggregation aggregation) {
        return cell(language, architecture, variant, aggregation).map(c -> {
          SeedAggregate aggregate = c.aggregate(aggregation);
          return aggregate.notMeasured().contains(metric) ? Reading.unmeasured()
              : aggregate.find(metric).map(Reading::of).orElse(null);
        });
      }
    };
  }

  /** The papers' values: the NeurIPS main table, and the ICML case study for training variants. */
  static ClaimData of(ReferenceTable mainTable, ReferenceTable caseStudy) {
    List<String> architectures = List.of("linear", "lstm", "transformer", "mamba", "xlstm");
    return new ClaimData() {
      @Override
      public List<String> languages(String architecture) {
        Optional<String> model = ReferenceModels.paperName(architecture);
        return mainTable.rows().stream().filter(r -> model.isPresent() && r.model().equals(model.get()))
            .map(ReferenceTable.Row::group).distinct().toList();
      }

      @Override
      public List<String> architectures(String language) {
        return architectures.stream().filter(a -> ReferenceModels.paperName(a)
            .flatMap(model -> mainTable.find(language, model)).isPresent()).toList();
      }

      @Override
      public Optional<Reading> read(String language, String architecture, String variant, Metric metric,
          HistoryAggregation aggregation) {
        // the case study (read at the best checkpoint) trained one Transformer on aⁿbⁿ per variant
        boolean caseStudyValue = aggregation == HistoryAggregation.BEST_CHECKPOINT;
        Optional<ReferenceTable.Row> row = caseStudyValue
            ? (architecture.equals("transformer") && language.equals("aNbN") ? caseStudy.findOnly(variant)
                : Optional.empty())
            : variant.equals("normal") ? ReferenceModels.paperName(architecture)
                .flatMap(model -> mainTable.find(language, model)) : Optional.empty();
        return row.flatMap(r -> r.find(metric)).map(Reading::of);
      }
    };
  }
}
