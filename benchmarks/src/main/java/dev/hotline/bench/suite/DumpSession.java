package dev.hotline.bench.suite;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SESSION block of a dump (docs/dump-format.md: magic, version, then typed blocks with a length
 * prefix; SESSION is {@code count:u4} pairs of {@code utf} strings), read without the CLI: a JVM per
 * run would cost a second each, and the suite looks at the session of every hotline run (did the
 * probe-cost calibration settle?).
 */
final class DumpSession {

    private static final byte[] MAGIC = {'H', 'O', 'T', 'L', 'I', 'N', 'E', 0x1A};
    private static final int SESSION = 0x10;
    private static final int END = 0xFF;

    private DumpSession() {
    }

    static Map<String, String> read(Path dump) throws IOException {
        try (InputStream file = Files.newInputStream(dump);
             DataInputStream in = new DataInputStream(new BufferedInputStream(file))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(dump + " is not a hotline dump");
            }
            in.readUnsignedShort(); // major
            in.readUnsignedShort(); // minor
            while (true) {
                int type = in.readUnsignedByte();
                int length = in.readInt();
                if (type == END) {
                    return Map.of();
                }
                if (type != SESSION) {
                    in.skipNBytes(length);
                    continue;
                }
                Map<String, String> facts = new LinkedHashMap<>();
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    facts.put(in.readUTF(), in.readUTF());
                }
                return facts;
            }
        }
    }
}
