package dev.hotline.core.bytecode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads each method's {@code Code} attribute header straight from a class file (JVMS 4.7.3):
 * max_stack, max_locals and code_length, which ASM's tree API does not expose.
 */
public final class CodeAttributes {

    /** The sizes of one method's code. */
    public record Code(int maxStack, int maxLocals, int length) {
    }

    private CodeAttributes() {
    }

    /** By {@code name + descriptor}; methods without code are absent. */
    public static Map<String, Code> of(byte[] classFile) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        in.position(8); // magic, minor, major
        int count = in.getShort() & 0xFFFF;
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.get() & 0xFF;
            switch (tag) {
                case 1 -> {
                    int length = in.getShort() & 0xFFFF;
                    byte[] bytes = new byte[length];
                    in.get(bytes);
                    utf8[i] = new String(bytes, StandardCharsets.UTF_8); // names are ASCII in practice
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.position(in.position() + 4);
                case 5, 6 -> {
                    in.position(in.position() + 8);
                    i++; // long and double take two entries
                }
                case 7, 8, 16, 19, 20 -> in.position(in.position() + 2);
                case 15 -> in.position(in.position() + 3);
                default -> throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
        in.position(in.position() + 6); // access, this, super
        int interfaces = in.getShort() & 0xFFFF;
        in.position(in.position() + 2 * interfaces);
        skipMembers(in);
        Map<String, Code> codes = new LinkedHashMap<>();
        int methods = in.getShort() & 0xFFFF;
        for (int m = 0; m < methods; m++) {
            in.position(in.position() + 2);
            String name = utf8[in.getShort() & 0xFFFF];
            String descriptor = utf8[in.getShort() & 0xFFFF];
            int attributes = in.getShort() & 0xFFFF;
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.getShort() & 0xFFFF];
                int length = in.getInt();
                int end = in.position() + length;
                if ("Code".equals(attribute)) {
                    int maxStack = in.getShort() & 0xFFFF;
                    int maxLocals = in.getShort() & 0xFFFF;
                    int codeLength = in.getInt();
                    codes.put(name + descriptor, new Code(maxStack, maxLocals, codeLength));
                }
                in.position(end);
            }
        }
        return codes;
    }

    private static void skipMembers(ByteBuffer in) {
        int members = in.getShort() & 0xFFFF;
        for (int f = 0; f < members; f++) {
            in.position(in.position() + 6);
            int attributes = in.getShort() & 0xFFFF;
            for (int a = 0; a < attributes; a++) {
                in.position(in.position() + 2);
                int length = in.getInt();
                in.position(in.position() + length);
            }
        }
    }
}
