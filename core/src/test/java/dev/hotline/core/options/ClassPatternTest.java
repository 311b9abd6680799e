package dev.hotline.core.options;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassPatternTest {

    @Test
    void star_matches_any_run_of_characters_including_dots() {
        ClassPattern pattern = ClassPattern.parse("com.acme.*");

        assertThat(pattern.matches("com.acme.Service")).isTrue();
        assertThat(pattern.matches("com.acme.deep.nested.Service")).isTrue();
        assertThat(pattern.matches("com.acme.Outer$Inner")).isTrue();
        assertThat(pattern.matches("com.acme.")).isTrue();
        assertThat(pattern.matches("com.acmeX.Service")).isFalse();
        assertThat(pattern.matches("org.com.acme.Service")).isFalse();
    }

    @Test
    void star_in_the_middle_and_at_the_start_matches_across_packages() {
        assertThat(ClassPattern.parse("*Test").matches("com.acme.ServiceTest")).isTrue();
        assertThat(ClassPattern.parse("*Test").matches("com.acme.TestService")).isFalse();
        assertThat(ClassPattern.parse("com.*.Service").matches("com.acme.impl.Service")).isTrue();
    }

    @Test
    void question_mark_matches_exactly_one_character() {
        ClassPattern pattern = ClassPattern.parse("com.acme.Worker?");

        assertThat(pattern.matches("com.acme.Worker1")).isTrue();
        assertThat(pattern.matches("com.acme.Worker$")).isTrue();
        assertThat(pattern.matches("com.acme.Worker")).isFalse();
        assertThat(pattern.matches("com.acme.Worker12")).isFalse();
    }

    @Test
    void colon_separates_alternatives() {
        ClassPattern pattern = ClassPattern.parse("com.acme.*:org.example.Foo");

        assertThat(pattern.matches("com.acme.Service")).isTrue();
        assertThat(pattern.matches("org.example.Foo")).isTrue();
        assertThat(pattern.matches("org.example.FooBar")).isFalse();
        assertThat(pattern.matches("net.other.Thing")).isFalse();
    }

    @Test
    void empty_and_blank_alternatives_are_ignored() {
        ClassPattern pattern = ClassPattern.parse(":com.acme.A: :");

        assertThat(pattern.matches("com.acme.A")).isTrue();
        assertThat(pattern.matches("")).isFalse();
        assertThat(pattern.matches(" ")).isFalse();
    }

    @Test
    void patterns_written_with_slashes_match_binary_names_with_dots() {
        ClassPattern pattern = ClassPattern.parse("com/acme/*:org/example/Outer$Inner");

        assertThat(pattern.matches("com.acme.Service")).isTrue();
        assertThat(pattern.matches("org.example.Outer$Inner")).isTrue();
    }

    @Test
    void a_pattern_matches_the_whole_name_not_a_part_of_it() {
        ClassPattern pattern = ClassPattern.parse("acme.Service");

        assertThat(pattern.matches("acme.Service")).isTrue();
        assertThat(pattern.matches("com.acme.Service")).isFalse();
        assertThat(pattern.matches("acme.ServiceImpl")).isFalse();
    }

    @Test
    void dots_and_regex_characters_are_literal() {
        assertThat(ClassPattern.parse("com.acme.A").matches("comXacmeXA")).isFalse();
        assertThat(ClassPattern.parse("com.acme.Outer$Inner").matches("com.acme.Outer$Inner")).isTrue();
        assertThat(ClassPattern.parse("a+b").matches("aab")).isFalse();
        assertThat(ClassPattern.parse("a+b").matches("a+b")).isTrue();
        assertThat(ClassPattern.parse("[x]").matches("x")).isFalse();
        // a backslash-E in the pattern must not end the regex quoting early
        assertThat(ClassPattern.parse("\\E.A").matches("\\E.A")).isTrue();
        assertThat(ClassPattern.parse("\\E.A").matches("\\EXA")).isFalse();
    }

    @Test
    void whitespace_around_an_alternative_is_trimmed() {
        assertThat(ClassPattern.parse(" com.acme.* : org.Foo ").matches("org.Foo")).isTrue();
        assertThat(ClassPattern.parse(" com.acme.* : org.Foo ").matches("com.acme.A")).isTrue();
    }

    @Test
    void an_empty_pattern_matches_nothing() {
        for (String empty : new String[] {"", " ", ":", "::"}) {
            ClassPattern pattern = ClassPattern.parse(empty);

            assertThat(pattern.matches("com.acme.Service")).as("pattern '%s'", empty).isFalse();
            assertThat(pattern.matches("")).as("pattern '%s'", empty).isFalse();
        }
    }

    @Test
    void a_star_matches_every_name_and_none_matches_no_name() {
        assertThat(ClassPattern.parse("*").matches("com.acme.Service")).isTrue();
        assertThat(ClassPattern.parse("*").matches("A")).isTrue();
        assertThat(ClassPattern.none().matches("com.acme.Service")).isFalse();
        assertThat(ClassPattern.none().matches("")).isFalse();
    }

    @Test
    void to_string_is_the_pattern_as_written() {
        assertThat(ClassPattern.parse("com/acme/*:org.Foo")).hasToString("com/acme/*:org.Foo");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // a guard against a hang: a regular expression would backtrack for years here
    void a_pattern_of_many_stars_against_a_long_name_that_does_not_match_ends() {
        String name = "com.acme." + "a".repeat(5_000);
        ClassPattern pattern = ClassPattern.parse("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");

        assertThat(pattern.matches(name)).isFalse();
        assertThat(pattern.matches(name + "b")).isTrue();
    }
}
