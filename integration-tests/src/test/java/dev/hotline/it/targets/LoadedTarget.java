package dev.hotline.it.targets;

import java.util.concurrent.Callable;

/** Loaded by LoadersApp through loaders that cannot see the system class path. */
public final class LoadedTarget implements Callable<Integer> {

    @Override
    public Integer call() {
        return three();
    }

    static int three() {
        return 3;
    }
}
