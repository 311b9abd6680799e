package dev.hotline.core.report;

import dev.hotline.core.profile.Profile;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The text format: the views {@link ReportSettings#views()} chooses, one after the other, in the
 * order of {@link ReportSettings.TextView}: the method table, the line tables, the allocation view.
 */
public final class TextReport implements ProfileRenderer {

    private final List<ProfileRenderer> views = new ArrayList<>();

    public TextReport(ReportSettings settings) {
        for (ReportSettings.TextView view : settings.views()) {
            views.add(switch (view) {
                case METHODS -> new MethodTableReport(settings.sort(), settings.top(), settings.raw());
                case LINES -> new LineReport(settings.lineMethods(), settings.sources());
                case ALLOCATIONS -> new AllocationReport(settings.top(), settings.sources());
            });
        }
    }

    @Override
    public void render(Profile profile, String source, OutputStream out) throws IOException {
        for (ProfileRenderer view : views) {
            view.render(profile, source, out);
        }
        out.flush();
    }
}
