// greet ran 1000 times against the baseline's 100: the check names it and fails the build.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('[ERROR] hotline check: FAILED: 1 regressions beyond calls +50% (1 methods checked)') : 'the summary'
assert log.contains('[ERROR]   sample.Greeter.greet(String): calls 100 -> 1000 (+900%, limit +50%)') : 'the method named'
assert log.contains('BUILD FAILURE')
assert new File(basedir, 'target/hotline.hotline').isFile()
return true
