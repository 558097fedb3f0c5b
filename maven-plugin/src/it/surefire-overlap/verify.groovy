// Surefire's includes match the suite: the plugin warns that verify would train it twice, and says the fix.
def log = new File(basedir, 'build.log').text
assert log.contains("[WARNING] RuleBench: maven-surefire-plugin's includes (**/*Suite.java) match 1 suite (com.example.CountingSuite): mvn verify trains them twice")
assert log.contains('keep them out of Surefire\'s includes')
return true
