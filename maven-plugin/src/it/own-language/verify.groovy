// The project's own language was found through ServiceLoader, trained, checked and reported, and the build passed.
def log = new File(basedir, 'build.log').text
assert log.contains('[doubledB lstm seed 1] started')
assert log =~ /PASSED\s+com\.example\.DoubledBSuite: 1 run .*checks: 1 passed, 0 failed/
assert log.contains('RuleBench verified: 1 check passed')
def run = new File(basedir, 'target/rulebench/runs/com.example.DoubledBSuite').listFiles()
assert run.length == 1 && run[0].text.contains('"language" : "doubledB"')
def table = new File(basedir, 'target/rulebench/tables/DoubledBSuite.md').text
assert table.contains('aⁿb²ⁿ') || table.contains('doubledB')
// no published values for a project's own language: no paper credited, no flagged-cell count
assert table.contains('The papers publish no values for these cells') && !table.contains("outside the paper's mean")
// the report found the project's language (on its test class path) and drew its chance levels
def figure = new File(basedir, 'target/rulebench/figures/DoubledBSuite/doubledB-ood.svg')
assert figure.isFile() && figure.text.contains('chance OOD R1')
return true
