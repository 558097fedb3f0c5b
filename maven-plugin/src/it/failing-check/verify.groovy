// The failing check fails the build by name, with expected and actual; the other check passed and the reports exist.
def log = new File(basedir, 'build.log').text
assert log =~ /FAILED\s+com\.example\.ANbNSuite: 1 run .*checks: 1 passed, 1 failed/
assert log =~ /\[ERROR\] check learnsPerfectly \[aNbN-transformer-[0-9a-f]+ seed 1\] failed: .*should be < 0\.001000 but was [0-9.]+/
assert log.contains('RuleBench: 1 failure:')
assert new File(basedir, 'target/rulebench/tables/ANbNSuite.md').isFile()
return true
