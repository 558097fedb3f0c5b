// The first build wrote the baseline; the second failed on it with cell, metric, two-sided band,
// actual and run files, for the table's values and again at the last validation; the third, a change
// inside every band, failed on each seed's exact values; the fourth ran one seed, selected.
def log = new File(basedir, 'build.log').text
def baseline = new File(basedir, 'src/test/rulebench/baseline-smoke.json')
assert baseline.isFile()
assert baseline.text.contains('"suite" : "com.example.CountingSuite"')
assert baseline.text.contains('"ood_r1"')

assert log =~ /regression against baseline-smoke\.json: com\.example\.CountingSuite aNbN-counting-[0-9a-f]+: ood_r1 \(OOD R1 \(rule extrapolation\)\) baseline 0\.6295 ± 0\.1000 \(fails below 0\.5295 or above 0\.7295\), actual 0\.0000 \(n=2\); runs: runs\/com\.example\.CountingSuite\/aNbN-counting-[0-9a-f]+-seed1\.json, /
assert log =~ /regression against baseline-smoke\.json: com\.example\.CountingSuite aNbN-counting-[0-9a-f]+: test_loss \(test loss\) baseline [0-9.]+ ± [0-9.]+ \(fails below [0-9.]+ or above [0-9.]+\), actual [0-9.]+ \(n=2\)/
assert log =~ /ood_r1 \(OOD R1 \(rule extrapolation\)\) at the last validation baseline 0\.6295/
assert log.contains('RuleBench: 6 failures:')
// version 2 is another backend ("toy counting 2"), so its seeds are not compared exactly: only the bands
assert log.contains('compared by their bands only: another kind of machine or backend')
assert new File(basedir, 'src/test/rulebench/baseline-smoke.json').text.contains('"perSeed"')
// version 3 stays inside every band, but on the machine that made the baseline each seed reproduces exactly
assert log =~ /changed against baseline-smoke\.json: com\.example\.CountingSuite aNbN-counting-[0-9a-f]+ seed 1 changed on the kind of machine that made its baseline, where a seed reproduces to the last bit: test_loss [0-9.]+ → [0-9.]+.*; run: runs\/com\.example\.CountingSuite\/aNbN-counting-[0-9a-f]+-seed1\.json/
assert log.contains('RuleBench: 2 failures:')
// the fourth build ran seed 2 alone (rulebench.select), which matched its seed in the baseline exactly
assert log =~ /com\.example\.CountingSuite: 1 run \(1 trained, 0 replayed\)/
assert log.contains('RuleBench: 1 run of baseline-smoke.json compared seed by seed, exactly')
assert log =~ /aNbN-counting-[0-9a-f]+ ran seeds \[2\] of the baseline's \[1, 2\]: its bands/
// the second build's run deleted the folders the first one made (they carry RuleBench's marker)
assert !log.contains('RuleBench will not delete')
// the first build, with the good model, passed its verify
assert log.contains('RuleBench: no baseline for scale smoke')
return true
