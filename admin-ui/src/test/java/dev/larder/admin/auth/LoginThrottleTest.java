package dev.larder.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void oneAddressGetsTwoPlacesAndTheServerSixteen() {
        LoginThrottle throttle = new LoginThrottle();
        LoginThrottle.Attempt first = throttle.begin("10.0.0.1");
        assertThat(first).isNotNull();
        assertThat(throttle.begin("10.0.0.1")).isNotNull();
        assertThat(throttle.begin("10.0.0.1")).as("a third at once from one address").isNull();
        first.end();
        first.end(); // given back once only
        assertThat(throttle.underWay()).isEqualTo(1);
        assertThat(throttle.begin("10.0.0.1")).isNotNull();

        List<LoginThrottle.Attempt> others = new ArrayList<>();
        for (int i = 0; i < LoginThrottle.IN_TOTAL - 2; i++) {
            others.add(throttle.begin("10.0.1." + i));
        }
        assertThat(others).doesNotContainNull();
        assertThat(throttle.begin("10.0.2.1")).as("beyond the total").isNull();
        others.forEach(LoginThrottle.Attempt::end);
        assertThat(throttle.begin("10.0.2.1")).isNotNull();
    }

    @Test
    void eachWrongPasswordInARowWaitsLongerUpToTenSecondsAndARightOneStartsAgain() {
        LoginThrottle throttle = new LoginThrottle();
        assertThat(throttle.failed()).isEqualTo(500);
        assertThat(throttle.failed()).isEqualTo(1000);
        for (int i = 0; i < 30; i++) {
            throttle.failed();
        }
        assertThat(throttle.failed()).isEqualTo(10_000);
        throttle.succeeded();
        assertThat(throttle.failed()).isEqualTo(500);
    }
}
