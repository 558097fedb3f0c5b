// -Drulebench.skip: nothing forked, nothing written, and the build passes.
def log = new File(basedir, 'build.log').text
assert log.contains('RuleBench suites skipped (rulebench.skip)')
assert log.contains('RuleBench verification skipped (rulebench.skip)')
assert !log.contains('running suites in a forked JVM')
assert !new File(basedir, 'target/rulebench').exists()
return true
