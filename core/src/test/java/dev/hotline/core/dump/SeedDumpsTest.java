package dev.hotline.core.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotline.core.profile.Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed seed corpus is what {@link SeedDumps} makes, and each seed is what its name says. */
class SeedDumpsTest {

    private static final String INPUTS = "/dev/hotline/core/dump/DumpReaderFuzzTestInputs/";

    @Test
    void the_committed_seeds_are_the_ones_seed_dumps_makes() throws IOException {
        for (Map.Entry<String, byte[]> seed : SeedDumps.all().entrySet()) {
            try (InputStream committed = SeedDumpsTest.class.getResourceAsStream(INPUTS + seed.getKey())) {
                assertThat(committed).as("%s is committed (run SeedDumps.main to write it)", seed.getKey()).isNotNull();
                assertThat(committed.readAllBytes()).as(seed.getKey()).isEqualTo(seed.getValue());
            }
        }
    }

    @Test
    void the_valid_seeds_of_every_version_read_with_every_block() throws IOException {
        Map<String, byte[]> seeds = SeedDumps.all();
        for (String name : new String[] {"valid-1.3-every-block.hotline", "valid-1.2.hotline", "valid-1.1.hotline", "valid-1.0.hotline"}) {
            Profile read = DumpReader.read(new ByteArrayInputStream(seeds.get(name)));

            assertThat(read.methods()).as(name).hasSize(5);
            assertThat(read.callTree().children()).as(name).isNotEmpty();
            assertThat(read.allocations()).as(name).hasSize(2);
            assertThat(read.intervals()).as(name).hasSize(2);
            // 1.0 has no LINE_HITS block: the counted line is not there
            assertThat(read.lines()).as(name).hasSize(name.contains("1.0") ? 1 : 2);
        }
    }

    @Test
    void the_damaged_seeds_are_refused_for_what_is_wrong_with_them() throws IOException {
        Map<String, byte[]> seeds = SeedDumps.all();

        assertThatThrownBy(() -> DumpReader.read(new ByteArrayInputStream(seeds.get("block-claims-2-GB.hotline"))))
                .isInstanceOf(DumpFormatException.class).hasMessageContaining("truncated dump");
        assertThatThrownBy(() -> DumpReader.read(new ByteArrayInputStream(seeds.get("histogram-claims-5-digits.hotline"))))
                .isInstanceOf(DumpFormatException.class).hasMessageContaining("claims a precision of 5 significant digits");
        assertThatThrownBy(() -> DumpReader.read(new ByteArrayInputStream(seeds.get("call-tree-names-a-missing-method.hotline"))))
                .isInstanceOf(DumpFormatException.class).hasMessageContaining("block 0x30 does not parse");
        for (String truncated : new String[] {"truncated-in-header.hotline", "truncated-in-a-block.hotline",
                "truncated-before-end-block.hotline"}) {
            assertThatThrownBy(() -> DumpReader.read(new ByteArrayInputStream(seeds.get(truncated))))
                    .as(truncated).isInstanceOf(DumpFormatException.class).hasMessageContaining("truncated dump");
        }
    }
}
