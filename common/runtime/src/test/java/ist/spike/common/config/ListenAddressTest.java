package ist.spike.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ":8553|       ''|          8553| :8553",
        ":0|          ''|          0|    :0",
        "0.0.0.0:8443|0.0.0.0|     8443| 0.0.0.0:8443",
        "localhost:8553|localhost| 8553| localhost:8553",
        "127.0.0.1:65535|127.0.0.1|65535|127.0.0.1:65535",
        "[::1]:8553|  ::1|         8553| [::1]:8553",
        "[::]:8553|   ::|          8553| [::]:8553",
        ":08553|      ''|          8553| :8553",
    })
    void parsesGoStyleAddresses(String text, String host, int port, String shown) {
        ListenAddress address = ListenAddress.parse(text);
        assertEquals(new ListenAddress(host, port), address);
        assertEquals(shown, address.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "8553|          missing port",
        "''|            missing port",
        "localhost|     missing port",
        "localhost:|    port is not a number 0..65535",
        ":|             port is not a number 0..65535",
        ":65536|        port is not a number 0..65535",
        ":-1|           port is not a number 0..65535",
        ":+80|          port is not a number 0..65535",
        ":https|        port is not a number 0..65535",
        ":123456|       port is not a number 0..65535",
        "::1:8553|      too many colons (write an IPv6 host as [::1]:port)",
        "[::1:8553|     missing ']'",
        "[::1]|         missing port",
        "[::1]x:8553|   missing port",
        "[::1]:80:8553| too many colons (write an IPv6 host as [::1]:port)",
        "a]:8553|       unexpected ']'",
        "a[:8553|       unexpected '['",
        "[::1]]:8553|   missing port",
        "[]:8553|       brackets are only for IPv6 hosts",
        "[host]:8553|   brackets are only for IPv6 hosts",
        "a b:8553|      invalid host",
        "http://x:8553| too many colons (write an IPv6 host as [::1]:port)",
    })
    void refusesWhatIsNotAListenAddress(String text, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(text));
        assertEquals(problem.strip(), e.getMessage());
    }

    @Test
    void anEmptyHostMeansEveryInterface() {
        ListenAddress all = ListenAddress.parse(":8553");
        assertTrue(all.allInterfaces());
        assertTrue(all.toSocketAddress().getAddress().isAnyLocalAddress());
        assertEquals(8553, all.toSocketAddress().getPort());
        ListenAddress local = ListenAddress.parse("127.0.0.1:9");
        assertFalse(local.allInterfaces());
        assertEquals(new InetSocketAddress("127.0.0.1", 9), local.toSocketAddress());
    }

    @Test
    void portMustBeInRange() {
        assertThrows(IllegalArgumentException.class, () -> new ListenAddress("", 65536));
        assertEquals("", new ListenAddress(null, 1).host());
    }
}
