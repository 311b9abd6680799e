package dev.hotline.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that decodes the UTF-8 a text renderer writes into the command's writer, so a
 * report streams to standard output (picocli's writer, in the terminal's encoding) as it renders,
 * without holding the whole report in memory. Closing it flushes and leaves the writer open.
 */
final class WriterOutputStream extends OutputStream {

    private final Writer target;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    WriterOutputStream(Writer target) {
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, bytes.remaining());
            bytes.put(b, off, n);
            off += n;
            len -= n;
            decode();
        }
    }

    /** Decodes what is buffered; an incomplete character at the end stays for the next write. */
    private void decode() throws IOException {
        bytes.flip();
        CoderResult result;
        do {
            result = decoder.decode(bytes, chars, false);
            chars.flip();
            target.append(chars);
            chars.clear();
        } while (result.isOverflow());
        bytes.compact();
    }

    @Override
    public void flush() throws IOException {
        decode();
        target.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
