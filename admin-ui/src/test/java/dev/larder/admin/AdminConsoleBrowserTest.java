package dev.larder.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.spi.net.FairShareMXBean;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in Debian's headless Chromium, as an operator uses it: log in,
 * watch the charts fill under traffic, switch fair sharing off, close a client.
 */
class AdminConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * How long the server serves before the operator logs in: 60 s makes the screenshots in docs/
     * (-Dconsole.serving.seconds=60); the suite's run keeps it short.
     */
    private static final int SERVING_SECONDS = Integer.getInteger("console.serving.seconds", 8);

    static ConsoleServer console;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: no Chromium here (install the Debian packages chromium and chromium-driver)");
        console = new ConsoleServer();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-dev-shm-usage", "--window-size=1400,1800");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    void logInWatchTrafficSwitchFairSharingOffAndCloseAClient() throws Exception {
        FairShareMXBean fairShare = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                new ObjectName("dev.larder:type=Network,name=FairShare"), FairShareMXBean.class);
        fairShare.setEnabled(true);
        // The tables are redrawn every second: an element found may be replaced before it is used.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);

        AtomicBoolean sending = new AtomicBoolean(true);
        try (Socket client = new Socket(console.memcached.getAddress(), console.memcached.getPort())) {
            client.setSoTimeout(10_000);
            Thread traffic = trafficFrom(client, sending);
            traffic.start();
            // The server has been serving a while before anyone looks: its history holds that many samples.
            WebDriverWait serving = new WebDriverWait(browser, Duration.ofSeconds(SERVING_SECONDS + 30));
            serving.until(d -> servingSamples() >= SERVING_SECONDS);

            browser.get(console.base + "/");
            WebElement password = wait.until(d -> {
                WebElement field = d.findElement(By.id("password"));
                return field.isDisplayed() ? field : null;
            });
            password.sendKeys(ConsoleServer.PASSWORD);
            browser.findElement(By.cssSelector("#login button[type=submit]")).click();
            wait.until(d -> d.findElement(By.id("console")).isDisplayed());
            // Right after login: the header row filled, and the charts drawn from the server's history.
            wait.until(d -> !d.findElement(By.id("fig-version")).getText().equals("–"));
            assertThat(browser.findElement(By.id("fig-tls")).getText()).isEqualTo("off");
            assertThat(browser.findElement(By.id("fig-memory")).getText())
                    .matches("[0-9.]+ of [0-9]+ MB \\([0-9]+%\\)");
            long pointsWithTraffic = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return Chart.getChart('chart-requests').data.datasets[0].data.filter(v => v > 0).length;");
            assertThat(pointsWithTraffic).as("seconds of traffic charted at once, from before the page was opened")
                    .isGreaterThanOrEqualTo(SERVING_SECONDS - 2);
            saveScreenshot("admin-console.png");
            String address = "127.0.0.1:" + client.getLocalPort();
            By row = By.cssSelector("#connections tr[data-address='" + address + "']");
            wait.until(d -> d.findElement(row).getText().contains("text"));

            WebElement enabled = browser.findElement(By.id("fair-share-enabled"));
            assertThat(enabled.isSelected()).isTrue();
            enabled.click();
            browser.findElement(By.cssSelector("#fair-share button[type=submit]")).click();
            wait.until(d -> !fairShare.isEnabled());
            wait.until(d -> d.findElement(By.id("fair-share-state")).getText().startsWith("off"));
            wait.until(d -> d.findElement(By.id("events")).getText()
                    .contains("fair sharing off, 20 requests per event, by admin from 127.0.0.1"));

            // Sorted by a click on a heading, then the other way; filtered by what is typed.
            WebElement idHeading = browser.findElement(By.cssSelector("#connections-table th[data-key=id]"));
            idHeading.click();
            wait.until(d -> "descending".equals(d.findElement(By.cssSelector("#connections-table th[data-key=id]"))
                    .getAttribute("aria-sort")));
            browser.findElement(By.cssSelector("#connections-table th[data-key=id]")).click();
            wait.until(d -> "ascending".equals(d.findElement(By.cssSelector("#connections-table th[data-key=id]"))
                    .getAttribute("aria-sort")));
            WebElement filter = browser.findElement(By.id("connections-filter"));
            filter.sendKeys("no such client");
            wait.until(d -> d.findElement(By.id("connections-count")).getText().startsWith("(0 of "));
            filter.clear();
            filter.sendKeys(String.valueOf(client.getLocalPort()));
            wait.until(d -> d.findElement(By.id("connections-count")).getText().startsWith("(1 of "));

            // Readable at a phone's width: nothing wider than the screen but the tables, which scroll.
            browser.manage().window().setSize(new Dimension(390, 1800));
            String tooWide = "return [...document.querySelectorAll('body *')].filter(e => !e.closest('.scroll')"
                    + " && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                    + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)"
                    + " + '/' + document.documentElement.clientWidth).join(', ');";
            wait.withMessage(() -> "too wide at a phone's width: "
                    + ((JavascriptExecutor) browser).executeScript(tooWide))
                    .until(d -> "".equals(((JavascriptExecutor) d).executeScript(tooWide)));
            saveScreenshot("admin-console-phone.png");
            browser.manage().window().setSize(new Dimension(1400, 1800));
            // The page lives within its Content-Security-Policy: nothing it needs was blocked.
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                    .noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));

            sending.set(false);
            traffic.join(10_000);
            wait.until(d -> {
                d.findElement(row).findElement(By.cssSelector("button.close-connection")).click();
                return true;
            });
            InputStream in = client.getInputStream();
            int b;
            do {
                b = in.read();
            } while (b != -1);
            assertThat(b).as("the client sees the end of the stream").isEqualTo(-1);
        } finally {
            sending.set(false);
            fairShare.setEnabled(true);
        }
    }

    /** Samples in the console's history taken while a client was connected. */
    private static long servingSamples() {
        try {
            HttpResponse<String> history = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(console.base + "/api/stats/history"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("admin:" + ConsoleServer.PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Pattern.compile("\"currentConnections\":[1-9]").matcher(history.body()).results().count();
        } catch (Exception notYet) {
            return 0;
        }
    }

    /** Sets and gets in a loop until told to stop, reading every reply. */
    private static Thread trafficFrom(Socket client, AtomicBoolean sending) {
        return new Thread(() -> {
            try {
                OutputStream out = client.getOutputStream();
                InputStream in = client.getInputStream();
                byte[] request = "set t 0 0 1\r\nx\r\nget t\r\n".getBytes(StandardCharsets.US_ASCII);
                int reply = "STORED\r\nVALUE t 0 1\r\nx\r\nEND\r\n".length();
                while (sending.get()) {
                    out.write(request);
                    in.readNBytes(reply);
                }
            } catch (Exception e) {
                sending.set(false);
            }
        }, "traffic");
    }

    private static void saveScreenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
