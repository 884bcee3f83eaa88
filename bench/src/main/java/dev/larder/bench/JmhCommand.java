package dev.larder.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Runs the JMH micro-benchmarks; the arguments are JMH's own (for example {@code -prof gc}, a name filter). */
@Command(name = "jmh", description = "JMH micro-benchmarks of the hot paths: store, text and binary protocols."
        + " Arguments go to JMH, for example: jmh -prof gc Text")
final class JmhCommand implements Callable<Integer> {

    /** Everything after "jmh", options included, in order: JMH parses it. */
    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(arguments.toArray(String[]::new));
        return 0;
    }
}
