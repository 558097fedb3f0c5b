package com.example;

import dev.rulebench.grammar.ChanceLevels;
import dev.rulebench.grammar.ChomskyClass;
import dev.rulebench.grammar.DataSpec;
import dev.rulebench.grammar.Language;
import dev.rulebench.grammar.PromptKind;
import dev.rulebench.grammar.PromptSet;
import dev.rulebench.grammar.PromptSets;
import dev.rulebench.grammar.Rule;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.grammar.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A user's language, aⁿb²ⁿ: R1 "twice as many b's as a's" (to extrapolate), R2 "a's before b's"
 * (broken by the OOD prompts). Registered in META-INF/services/dev.rulebench.grammar.Language.
 */
public final class DoubledB implements Language {

  private static final Vocabulary VOCABULARY = new Vocabulary('a', 'b');
  private static final int A = Vocabulary.FIRST_SYMBOL;
  private static final int B = Vocabulary.FIRST_SYMBOL + 1;
  private static final Rule TWICE = new Rule("twice as many b's as a's",
      w -> 2 * Words.count(w, A) == Words.count(w, B));
  private static final Rule ORDERED = new Rule("a's before b's", w -> Words.allBefore(w, A, B));

  @Override
  public String name() {
    return "doubledB";
  }

  @Override
  public String displayName() {
    return "aⁿb²ⁿ";
  }

  @Override
  public ChomskyClass chomskyClass() {
    return ChomskyClass.CONTEXT_FREE;
  }

  @Override
  public Vocabulary vocabulary() {
    return VOCABULARY;
  }

  @Override
  public Rule r1() {
    return TWICE;
  }

  @Override
  public Rule r2() {
    return ORDERED;
  }

  @Override
  public boolean isMember(int[] word) {
    return TWICE.holds(word) && ORDERED.holds(word);
  }

  @Override
  public boolean completionKeepsR2(int[] promptWord, int[] completionWord) {
    return ORDERED.holds(completionWord);
  }

  @Override
  public DataSpec paperData() {
    return new DataSpec(96, 256, 64, false);
  }

  @Override
  public int[] sample(int maxLength, RandomGenerator random) {
    int n = random.nextInt(1, maxLength / 3 + 1);
    return Words.concat(Words.repeat(A, n), Words.repeat(B, 2 * n));
  }

  /** All words of length 6: ID if they can still become a member, OOD if a b comes before an a. */
  @Override
  public PromptSets prompts(RandomGenerator random) {
    List<int[]> id = new ArrayList<>();
    List<int[]> ood = new ArrayList<>();
    for (int[] word : Words.allWords(VOCABULARY.symbolIds(), 6)) {
      if (!ORDERED.holds(word)) {
        ood.add(word);
      } else if (Words.count(word, B) <= 2 * Words.count(word, A)) {
        id.add(word);
      }
    }
    return new PromptSets(new PromptSet(PromptKind.ID, id), new PromptSet(PromptKind.OOD, ood));
  }

  @Override
  public ChanceLevels chanceLevels() {
    return new ChanceLevels(0.1, 1.0 / 3);
  }
}
