package dev.larder.bench;

import dev.larder.bench.connections.IdleConnectionsBenchmark;
import dev.larder.bench.density.DensityBenchmark;
import dev.larder.bench.load.BulkLoadCommand;
import dev.larder.bench.load.LoadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the benchmark jar: one sub-command per benchmark. */
@Command(name = "larder-bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that run Larder and memcached side by side.",
        subcommands = {LoadCommand.class, BulkLoadCommand.class, DensityBenchmark.class, IdleConnectionsBenchmark.class, JmhCommand.class})
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
