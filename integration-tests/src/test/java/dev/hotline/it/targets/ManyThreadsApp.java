package dev.hotline.it.targets;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs COUNT short threads in waves of WAVE, each calling work() once, pausing PAUSE ms between
 * waves: "virtual" threads (JDK 21+, reached by reflection so this compiles for 17) or "platform".
 */
public final class ManyThreadsApp {

    public static void main(String[] args) throws Exception {
        boolean virtual = args[0].equals("virtual");
        int count = Integer.parseInt(args[1]);
        int wave = Integer.parseInt(args[2]);
        long pause = args.length > 3 ? Long.parseLong(args[3]) : 0;
        Method start = null;
        Object builder = null;
        if (virtual) {
            builder = Thread.class.getMethod("ofVirtual").invoke(null);
            start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        }
        for (int done = 0; done < count; done += wave) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < wave && done + i < count; i++) {
                Runnable task = () -> work(1);
                if (virtual) {
                    threads.add((Thread) start.invoke(builder, task));
                } else {
                    Thread t = new Thread(task);
                    t.start();
                    threads.add(t);
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            if (pause > 0) {
                Thread.sleep(pause);
            }
        }
        System.out.println("ran " + count + " threads");
    }

    static int work(int x) {
        return x + 1;
    }
}
