package dev.rulebench.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-written cases for every rule of every language, with the edge cases SPEC names. */
class RulesTest {

  private static boolean[] judge(String language, String word) {
    Language l = Languages.load().get(language);
    int[] w = l.vocabulary().encode(word);
    return new boolean[] {l.r1().holds(w), l.r2().holds(w), l.isMember(w)};
  }

  @ParameterizedTest(name = "{0} \"{1}\": R1={2} R2={3} member={4}")
  @CsvSource(delimiter = '|', value = {
      // bα: even number of a's | starts with b
      "baN | b        | true  | true  | true",
      "baN | baab     | true  | true  | true",
      "baN | bab      | false | true  | false",
      "baN | aab      | true  | false | false",
      "baN | ab       | false | false | false",
      "baN | ''       | true  | false | false",
      // bⁿa^{2m}: even a's after the last b | b's before a's with at least one b
      "bbaN | bbaa    | true  | true  | true",
      "bbaN | b       | true  | true  | true",
      "bbaN | bbbaaa  | false | true  | false",
      "bbaN | aa      | true  | false | false",
      "bbaN | aaaa    | true  | false | false",
      "bbaN | abaa    | true  | false | false",
      "bbaN | baba    | false | false | false",
      // aⁿbⁿ: #a = #b | no b before the last a
      "aNbN | ab       | true  | true  | true",
      "aNbN | aaabbb   | true  | true  | true",
      "aNbN | abab     | true  | false | false",
      "aNbN | aab      | false | true  | false",
      "aNbN | ba       | true  | false | false",
      "aNbN | bbb      | false | true  | false",
      // aⁿbⁿcⁿ: #a = #b = #c | a's before b's before c's (pairs of symbols that occur)
      "aNbNcN | abc      | true  | true  | true",
      "aNbNcN | aabbcc   | true  | true  | true",
      "aNbNcN | aacc     | false | true  | false",
      "aNbNcN | aabb     | false | true  | false",
      "aNbNcN | bbcc     | false | true  | false",
      "aNbNcN | acb      | true  | false | false",
      "aNbNcN | cab      | true  | false | false",
      "aNbNcN | abcabc   | true  | false | false",
      // Dyck: brackets matched | parentheses matched | properly nested
      "dyck | ([])     | true  | true  | true",
      "dyck | []()     | true  | true  | true",
      "dyck | ([)]     | true  | true  | false",
      "dyck | )[]      | true  | false | false",
      "dyck | ([]      | true  | false | false",
      "dyck | ][()     | false | true  | false",
      // CS Dyck: brackets matched | parentheses matched | both, crossing allowed
      "cs_dyck | ([)]  | true  | true  | true",
      "cs_dyck | [(])  | true  | true  | true",
      "cs_dyck | ([])  | true  | true  | true",
      "cs_dyck | )([]  | true  | false | false",
      "cs_dyck | [[(]) | false | true  | false",
  })
  void rulesJudgeHandWrittenWords(String language, String word, boolean r1, boolean r2, boolean member) {
    assertThat(judge(language, word)).containsExactly(r1, r2, member);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // prompt | completion | R2 on the completion
      "aNbN | ba       | abb   | true",
      "aNbN | ba       | bab   | false",
      "aNbNcN | cba    | abcc  | true",
      "aNbNcN | cba    | cab   | false",
      "baN | ab        | baa   | true",
      "baN | ab        | ab    | false",
      "baN | ab        | ''    | false",
      "bbaN | abba     | bbaa  | true",
      "bbaN | abba     | ''    | false",
      "bbaN | abba     | aa    | false",
      "dyck | )[()     | ]     | true",
      "dyck | )[()     | )     | false",
      "cs_dyck | )[(   | ])    | true",
      "cs_dyck | )[(   | ]     | false",
  })
  void completionKeepsR2IsJudgedOnTheCompletion(String language, String prompt, String completion, boolean keeps) {
    Language l = Languages.load().get(language);
    Vocabulary v = l.vocabulary();
    assertThat(l.completionKeepsR2(v.encode(prompt), v.encode(completion))).isEqualTo(keeps);
  }
}
