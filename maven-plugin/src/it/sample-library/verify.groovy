// After `mvn verify` of the sample library: the dump, the page, the method table in the log, the check.
import dev.hotline.core.dump.DumpReader

def dump = new File(basedir, 'target/hotline.hotline')
assert dump.isFile() : "prepare-agent's default dump path target/hotline.hotline"
def profile = DumpReader.read(dump.toPath())
def greet = profile.methods().find { it.method().className() == 'sample.Greeter' && it.method().name() == 'greet' }
assert greet != null : "sample.Greeter.greet in the dump: ${profile.methods()*.method()}"
assert greet.calls() == 100
assert profile.methods().every { it.method().className().startsWith('sample.') } : 'includes=sample.* reached the agent'

def page = new File(basedir, 'target/site/hotline/index.html')
assert page.isFile() : 'report wrote target/site/hotline/index.html'
assert page.getText('UTF-8').contains('sample.Greeter.greet')

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('argLine set to -Dsample.property=kept -javaagent:') : "the project's argLine kept, the agent after it"
// the jar on -javaagent: is the plugin's dependency hotline-agent:shaded, byte for byte the jar this build made
def agentJar = new File((log =~ /argLine set to .* -javaagent:(\S+?\.jar)=/)[0][1])
assert agentJar.name.endsWith('-shaded.jar') : "${agentJar} is the shaded artifact"
def built = new File(basedir, '../../../../agent/target/hotline-agent.jar')
assert agentJar.bytes == built.bytes : "${agentJar} is ${built}"
assert log =~ /\[INFO\] +ncalls +tottime/ : 'the method table in the build log'
assert log =~ /\[INFO\] +100 .*sample\.Greeter\.greet\(String\)/ : 'greet with its 100 calls in the table'
assert log.contains('hotline check: OK: 1 methods within calls +50%') : 'check passes against the baseline'
return true
