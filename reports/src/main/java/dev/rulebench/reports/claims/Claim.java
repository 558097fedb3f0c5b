package dev.rulebench.reports.claims;

/**
 * One qualitative statement of the papers, and the rule that checks it.
 *
 * @param id a short stable name
 * @param paper which paper makes it
 * @param statement the claim in words
 * @param rule what is checked
 */
public record Claim(String id, String paper, String statement, ClaimRule rule) {}
