package dev.hotline.core.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlRequestTest {

    @TempDir
    Path dir;

    @Test
    void a_request_goes_through_the_agent_argument_and_back_unchanged() {
        ControlRequest request = new ControlRequest(ControlRequest.Command.START, Path.of("/tmp/x/reply"),
                "includes=com.acme.*,out=/tmp/d-%p.hotline");

        ControlRequest read = ControlRequest.parse(request.argument());

        assertThat(request.argument()).isEqualTo("command=start,reply=/tmp/x/reply,includes=com.acme.*,out=/tmp/d-%p.hotline");
        assertThat(read).isEqualTo(request);
    }

    @Test
    void a_plain_option_string_is_a_start_with_those_options_and_no_reply() {
        ControlRequest read = ControlRequest.parse("includes=com.acme.*,log=info");

        assertThat(read.command()).isEqualTo(ControlRequest.Command.START);
        assertThat(read.reply()).isNull();
        assertThat(read.options()).isEqualTo("includes=com.acme.*,log=info");
    }

    @Test
    void dump_and_detach_name_their_file_with_out() {
        assertThat(ControlRequest.parse("command=dump,reply=/r,out=/tmp/now.hotline").out()).isEqualTo(Path.of("/tmp/now.hotline"));
        assertThat(ControlRequest.parse("command=detach,reply=/r").out()).isNull();
    }

    @Test
    void an_unknown_command_is_named() {
        ControlRequest read = ControlRequest.parse("command=explode,reply=/r");

        assertThat(read.unknownCommand()).isTrue();
        assertThat(read.options()).isEqualTo("unknown command explode");
    }

    @Test
    void a_reply_is_read_back_as_written_and_a_missing_one_is_no_answer() throws IOException {
        Path file = dir.resolve("reply");
        assertThat(ControlReply.readFrom(file)).isNull();

        ControlReply.ok("attached", "out=/tmp/d.hotline").writeTo(file);

        ControlReply read = ControlReply.readFrom(file);
        assertThat(read.ok()).isTrue();
        assertThat(read.message()).isEqualTo("attached");
        assertThat(read.value("out")).isEqualTo("/tmp/d.hotline");
        ControlReply.error("hotline is not attached to this JVM").writeTo(file);
        assertThat(ControlReply.readFrom(file).ok()).isFalse();
        assertThat(Files.readAllLines(file)).first().isEqualTo("error");
    }
}
