package dev.hotline.it.targets;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.Callable;

/**
 * Loads the same target class through loaders that do not delegate to the system loader: one with
 * no parent but the bootstrap loader, one child-first, and one that defines the class from bytes at
 * run time; calls it through each. Prints the sum (9 when all three ran).
 */
public final class LoadersApp {

    public static void main(String[] args) throws Exception {
        URL classes = LoadersApp.class.getProtectionDomain().getCodeSource().getLocation();
        String target = "dev.hotline.it.targets.LoadedTarget";
        int sum = 0;
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, null)) {
            sum += call(isolated.loadClass(target));
        }
        try (URLClassLoader childFirst = new ChildFirst(new URL[] {classes})) {
            sum += call(childFirst.loadClass(target));
        }
        byte[] bytes;
        try (InputStream in = LoadersApp.class.getResourceAsStream("LoadedTarget.class")) {
            bytes = in.readAllBytes();
        }
        ClassLoader runtimeDefined = new ClassLoader(null) {
            Class<?> define() {
                return defineClass(target, bytes, 0, bytes.length);
            }
        }.define().getClassLoader();
        sum += call(Class.forName(target, true, runtimeDefined));
        System.out.println("sum=" + sum);
    }

    @SuppressWarnings("unchecked")
    private static int call(Class<?> type) throws Exception {
        return ((Callable<Integer>) type.getDeclaredConstructor().newInstance()).call();
    }

    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls) {
            super(urls, LoadersApp.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && name.startsWith("dev.hotline.it.targets.Loaded")) {
                    c = findClass(name);
                }
                return c != null ? c : super.loadClass(name, resolve);
            }
        }
    }
}
