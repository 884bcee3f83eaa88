package dev.larder.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void countsSinceAWarmUpLeaveTheWarmUpOut() {
        Tally tally = new Tally();
        tally.count(WireProtocol.Reply.HIT, 1_000);
        tally.count(WireProtocol.Reply.STORED, 1_000);
        Tally.Counts warmup = tally.counts();

        tally.count(WireProtocol.Reply.HIT, 2_000);
        tally.count(WireProtocol.Reply.MISS, 2_000);
        tally.count(WireProtocol.Reply.ERROR, 2_000);
        Tally.Counts measured = tally.counts().since(warmup);

        assertThat(measured).isEqualTo(new Tally.Counts(1, 1, 0, 1));
        assertThat(measured.replies()).isEqualTo(3);
        assertThat(tally.replies()).isEqualTo(5);
    }
}
