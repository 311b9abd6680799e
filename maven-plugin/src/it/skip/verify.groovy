// Both invocations write to build.log (maven-invoker-plugin 3.10.1 appends), one after the other.
def runs = new File(basedir, 'build.log').getText('UTF-8').split(/\[INFO\] Scanning for projects/)
assert runs.length == 3 : "two invocations in build.log, found ${runs.length - 1}"
def skipped = runs[1]
def untested = runs[2]

// 1: hotline.skip: every goal skips, the tests run without the agent (GreeterTest checks it) and
// with an argLine that a skipped prepare-agent defined empty, so @{argLine} resolved.
assert skipped.count('Skipping hotline: hotline.skip is set') == 3 : 'prepare-agent, report and check each skip'
assert skipped.contains('Tests run: 2, Failures: 0, Errors: 0') : 'the tests ran'
assert !skipped.contains('argLine set to') : 'no agent when skipped'

// 2: no tests, so no dump: report and check warn and the build passes.
assert untested.contains('[WARNING] Skipping hotline report: no dump at') : 'report warns without a dump'
assert untested.contains('[WARNING] Skipping hotline check: no dump at') : 'check warns without a dump'
assert untested.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/hotline.hotline').exists()
return true
