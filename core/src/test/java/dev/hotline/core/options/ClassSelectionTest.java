package dev.hotline.core.options;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassSelectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev.hotline.agent.HotlineAgent", "dev.hotline.cli.HotlineCli", "dev.hotline.core.report.TextReport",
        "dev.hotline.runtime.Probes",
        "dev.hotline.shaded.org.objectweb.asm.ClassReader", "java.lang.String", "java.util.concurrent.Executors$Runnable",
        "jdk.internal.reflect.GeneratedMethodAccessor1", "sun.reflect.GeneratedConstructorAccessor7", "module-info",
        "com.acme.package-info"})
    void never_instruments_these_names_whatever_the_options_say(String name) {
        ClassSelection everything = ClassSelection.of(AgentOptions.parse("includes=*,lines=*,linehits=*,alloc=*"));

        assertThat(ClassSelection.neverInstrumented(name)).as(name).isNotBlank();
        assertThat(everything.selects(name)).as(name).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.hotline.demo.Complex", "dev.hotline.it.targets.ExitCodeApp", "dev.hotlinexyz.Foo", "javax.swing.JFrame",
        "jdk.jfr.Event", "com.acme.Service$Worker", "com.acme.info.Package"})
    void selects_any_other_name_the_options_select(String name) {
        assertThat(ClassSelection.neverInstrumented(name)).as(name).isNull();
        assertThat(ClassSelection.of(AgentOptions.parse("")).selects(name)).as(name).isTrue();
    }

    @Test
    void the_reason_says_which_rule_applies() {
        assertThat(ClassSelection.neverInstrumented("dev.hotline.core.X")).contains("hotline's own");
        assertThat(ClassSelection.neverInstrumented("java.lang.Object")).contains("java.*");
        assertThat(ClassSelection.neverInstrumented("jdk.internal.reflect.GeneratedMethodAccessor1")).contains("reflection accessors");
        assertThat(ClassSelection.neverInstrumented("com.acme.package-info")).contains("package-info");
    }

    @Test
    void includes_lines_linehits_and_alloc_pull_classes_in_and_excludes_win() {
        ClassSelection selection = ClassSelection.of(AgentOptions.parse(
                "includes=com.acme.timed.*,lines=com.acme.lines.A#run,linehits=com.acme.hits.*,alloc=com.acme.alloc.B,"
                        + "excludes=com.acme.*.Skip"));

        assertThat(selection.selects("com.acme.timed.X")).isTrue();
        assertThat(selection.selects("com.acme.lines.A")).isTrue();
        assertThat(selection.selects("com.acme.hits.Y")).isTrue();
        assertThat(selection.selects("com.acme.alloc.B")).isTrue();
        assertThat(selection.selects("com.acme.other.Z")).isFalse();
        assertThat(selection.selects("com.acme.timed.Skip")).isFalse();
        assertThat(selection.selects("com.acme.hits.Skip")).isFalse();
    }

    @Test
    void an_empty_includes_selects_only_what_the_probe_options_name() {
        ClassSelection selection = ClassSelection.of(AgentOptions.parse("includes=,linehits=com.acme.Hot"));

        assertThat(selection.selects("com.acme.Hot")).isTrue();
        assertThat(selection.selects("com.acme.Cold")).isFalse();
    }
}
