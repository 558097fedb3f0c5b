// Both crashes are named with their reason, the suites around them ran, and Maven itself went on.
def log = new File(basedir, 'build.log').text
def summary = new File(basedir, 'target/rulebench/summary.json').text

assert log.contains('RuleBench suite com.example.BSegfaultSuite crashed: the forked JVM crashed with SIGSEGV')
assert log.contains('while running aNbN-crashing-')
assert log.contains('RuleBench suite com.example.CExitSuite crashed: the forked JVM exited with code 3 before it finished')
assert log =~ /PASSED\s+com\.example\.ACountingSuite/
assert log =~ /PASSED\s+com\.example\.DCountingSuite/
assert log.contains('RuleBench: 4 suites in 3 JVMs')
assert log.contains('RuleBench: 2 failures:')
assert log.contains('suite com.example.BSegfaultSuite crashed: the forked JVM crashed with SIGSEGV')
assert summary.contains('"status" : "CRASHED"')
assert new File(basedir, 'target/rulebench/runs/com.example.DCountingSuite').list().length == 1
// the JVM's own crash log is kept where the message says
assert new File(basedir, 'target/rulebench/fork').list().any { it.startsWith('hs_err_pid') }
return true
