package dev.larder.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/larder --jmx-port: JConsole's connector, with users, roles and described beans. */
class JmxRemoteIT {

    private static final ObjectName BUFFER_STATS = name("dev.larder:type=Network,name=BufferStats");
    private static final ObjectName FAIR_SHARE = name("dev.larder:type=Network,name=FairShare");

    @TempDir
    Path dir;

    @Test
    void aMonitorReadsBufferStatsAControllerTogglesFairShareAndAWrongPasswordIsRefused() throws Exception {
        Path passwords = dir.resolve("jmxremote.password");
        Files.writeString(passwords, "monitor look-only\ncontrol hands-on\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        int port = freePort();
        try (LauncherProcess larder = LauncherProcess.start("-p", "-1", "--admin-port", "0", "--jmx-port",
                String.valueOf(port), "--jmx-password-file", passwords.toString(), "--jmx-access-file",
                LauncherProcess.home().resolve("conf/jmxremote.access").toString())) {
            larder.awaitLine("Larder .* started");
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");

            try (JMXConnector monitor = connect(url, "monitor", "look-only")) {
                MBeanServerConnection beans = monitor.getMBeanServerConnection();
                assertThat((Long) beans.getAttribute(BUFFER_STATS, "BytesRead")).isGreaterThanOrEqualTo(0);
                assertThat((Boolean) beans.getAttribute(FAIR_SHARE, "Enabled")).isTrue();
                assertThatThrownBy(() -> beans.setAttribute(FAIR_SHARE, new Attribute("Enabled", false)))
                        .isInstanceOf(SecurityException.class);
                for (ObjectName bean : beans.queryNames(name("dev.larder:*"), null)) {
                    var info = beans.getMBeanInfo(bean);
                    assertThat(info.getDescription()).as(bean.toString()).isNotBlank()
                            .isNotEqualTo("Information on the management interface of the MBean");
                    for (MBeanAttributeInfo attribute : info.getAttributes()) {
                        assertThat(attribute.getDescription()).as(bean + " " + attribute.getName())
                                .isNotEqualTo(attribute.getName());
                    }
                }
            }
            try (JMXConnector control = connect(url, "control", "hands-on")) {
                MBeanServerConnection beans = control.getMBeanServerConnection();
                beans.setAttribute(FAIR_SHARE, new Attribute("Enabled", false));
                assertThat((Boolean) beans.getAttribute(FAIR_SHARE, "Enabled")).isFalse();
                beans.setAttribute(FAIR_SHARE, new Attribute("ReqsPerEvent", 5));
                assertThat((Integer) beans.getAttribute(FAIR_SHARE, "ReqsPerEvent")).isEqualTo(5);
            }
            assertThatThrownBy(() -> connect(url, "control", "wrong")).isInstanceOf(SecurityException.class);
        }
    }

    private static JMXConnector connect(JMXServiceURL url, String user, String password) throws Exception {
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}));
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
