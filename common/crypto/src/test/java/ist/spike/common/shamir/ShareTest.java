package ist.spike.common.shamir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ShareTest {
    private static final String HEX = "630ecf2c6ac9396d991b5e53c7bf695f0423b6af8742c8dfc3dad27337f42efc";
    private static final byte[] VALUE = HexFormat.of().parseHex(HEX);

    @Test
    void toStringIsRedacted() {
        String text = new Share(1, VALUE).toString();

        assertFalse(text.contains("630ecf"));
        assertFalse(text.contains(Arrays.toString(VALUE).substring(1, 10)));
        assertTrue(text.contains("id=1"));
    }

    @Test
    void valueIsCopiedInAndOut() {
        byte[] mine = VALUE.clone();
        Share share = new Share(1, mine);
        mine[0] = 0;
        share.value()[1] = 0;

        assertArrayEquals(VALUE, share.value());
    }

    @Test
    void equalityIsByIdAndValue() {
        assertEquals(new Share(1, VALUE), new Share(1, VALUE));
        assertEquals(new Share(1, VALUE).hashCode(), new Share(1, VALUE).hashCode());
        assertNotEquals(new Share(1, VALUE), new Share(2, VALUE));
        byte[] other = VALUE.clone();
        other[31] ^= 1;
        assertNotEquals(new Share(1, VALUE), new Share(1, other));
    }

    @Test
    void destroyZeroesAndBlocksFurtherUse() {
        Share share = new Share(1, VALUE);
        share.destroy();

        assertTrue(share.isDestroyed());
        assertThrows(IllegalStateException.class, share::value);
        assertThrows(IllegalStateException.class, () -> ShareFormat.format(share));
        assertEquals(1, share.id());
    }
}
