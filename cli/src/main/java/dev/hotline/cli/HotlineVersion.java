package dev.hotline.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (Implementation-Version), or "development build". */
public final class HotlineVersion implements IVersionProvider {

    public static String version() {
        String version = HotlineVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"hotline " + version() + " (dump format " + dev.hotline.core.dump.DumpFormat.major()
                + "." + dev.hotline.core.dump.DumpFormat.minor() + ")"};
    }
}
