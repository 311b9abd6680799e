package dev.hotline.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void right_aligns_every_column_but_the_last_two_spaces_apart() {
        String table = print(new TextTable()
                .row("calls", "p50", "", "method")
                .row("1", "12.0 ms", "+ 5%", "com.acme.A.run()")
                .row("12345", "9 ns", "", "com.acme.B.go(int)"));

        assertThat(table.lines()).containsExactly(
                "calls      p50        method",
                "    1  12.0 ms  + 5%  com.acme.A.run()",
                "12345     9 ns        com.acme.B.go(int)");
    }

    @Test
    void a_table_of_its_header_alone_prints_the_header() {
        assertThat(print(new TextTable().row("calls", "", "method")).lines()).containsExactly("calls    method");
    }

    @Test
    void a_row_of_another_width_is_refused() {
        TextTable table = new TextTable().row("a", "b");

        assertThatThrownBy(() -> table.row("1", "2", "3")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String print(TextTable table) {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        table.print(writer);
        writer.flush();
        return out.toString();
    }
}
