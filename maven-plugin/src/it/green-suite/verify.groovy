// The run trained with progress lines, its result and the reports are on disk, and the build passed.
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/rulebench')

assert log.contains('[aNbN transformer seed 1] started: up to 24 steps')
assert log =~ /\[aNbN transformer seed 1\] step 24\/24 loss [0-9.]+ elapsed/
assert log =~ /\[aNbN transformer seed 1\] finished: reached 24 steps in/
assert log =~ /PASSED\s+com\.example\.ANbNSuite: 1 run \(1 trained, 0 replayed\), checks: 1 passed, 0 failed/
assert log.contains('RuleBench verified: 1 check passed')

def runs = new File(out, 'runs/com.example.ANbNSuite').listFiles()
assert runs.length == 1 && runs[0].name ==~ /aNbN-transformer-[0-9a-f]+-seed1\.json/
assert runs[0].text.contains('"architecture" : "transformer"')
// run marks the folders it makes, so that the next run deletes them and nothing else
['runs', 'allure-results', 'fork'].each { assert new File(out, "$it/.rulebench-output").isFile() }

def table = new File(out, 'tables/ANbNSuite.md')
assert table.isFile() && table.text.contains('aNbN') && table.text.contains('Transformer')
assert log.contains('| aNbN |')  // the table is printed at the end of the build
['csv', 'tex', 'html'].each { assert new File(out, "tables/ANbNSuite.$it").isFile() }
assert new File(out, 'figures').listFiles().length > 0
assert new File(out, 'index.html').isFile()
assert new File(out, 'allure-results').list().any { it.endsWith('-result.json') }
assert new File(out, 'allure-report-single/index.html').isFile()
assert new File(out, 'summary.json').text.contains('"status" : "PASSED"')
return true
