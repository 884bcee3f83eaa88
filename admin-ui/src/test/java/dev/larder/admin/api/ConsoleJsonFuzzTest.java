package dev.larder.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.admin.http.Json;

/**
 * The console's JSON handling given any body (at most the 4 KiB the console
 * reads): parsed or refused with a message for the client, and a change of
 * either feature judged, with nothing escaping. {@code mvn verify} runs the
 * inputs under src/test/resources; {@code -Pfuzz} fuzzes.
 */
class ConsoleJsonFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void requestBodies(byte[] body) {
        if (body.length > dev.larder.admin.http.BodyLimit.MAX_BODY) {
            return; // never read: refused with 413 before parsing
        }
        JsonNode parsed;
        try {
            parsed = Json.parseObject(body);
        } catch (Json.BadBodyException refused) {
            assertThat(refused.getMessage()).startsWith("The body");
            return;
        }
        assertThat(parsed.isObject()).isTrue();
        String fairShare = FeaturesApi.checkFairShare(parsed);
        String idleTimer = FeaturesApi.checkIdleTimer(parsed);
        if (fairShare == null) {
            assertThat(parsed.path("reqsPerEvent").isMissingNode() || parsed.get("reqsPerEvent").canConvertToInt())
                    .isTrue();
        }
        if (idleTimer == null) {
            assertThat(parsed.path("enabled").isMissingNode() || parsed.get("enabled").isBoolean()).isTrue();
        }
    }
}
