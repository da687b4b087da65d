package ist.spike.nexus.store.sealed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowPlaceTest {
    @Test
    void differentPlacesNeverShareAssociatedData() {
        List<byte[]> all = List.of(
                RowPlace.secretValues("a", 1).associatedData(1),
                RowPlace.secretValues("a", 2).associatedData(1),
                RowPlace.secretValues("a", 1).associatedData(2),
                RowPlace.secretValues("a1", 1).associatedData(1),
                RowPlace.secretValues("a", 11).associatedData(1),
                new RowPlace("secret_versions", "ab", 1, "c").associatedData(1),
                new RowPlace("secret_versions", "a", 1, "bc").associatedData(1),
                RowPlace.policyDocument("a", 0).associatedData(1),
                RowPlace.policyDocument("a", 1).associatedData(1),
                RowPlace.secretIndex("a").associatedData(1),
                RowPlace.state("a").associatedData(1),
                RowPlace.keyCheck().associatedData(1));
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(Arrays.equals(all.get(i), all.get(j)), i + " vs " + j);
            }
        }
    }

    @Test
    void encodingIsStable() {
        // Stored ciphertexts depend on these bytes: changing the encoding makes old rows unreadable.
        byte[] expected = {
            0, 0, 0, 12, 's', 'p', 'i', 'k', 'e', '-', 'a', 'a', 'd', '-', 'v', '1',
            0, 0, 0, 9, 'k', 'e', 'y', '_', 'c', 'h', 'e', 'c', 'k',
            0, 0, 0, 9, 'k', 'e', 'y', '-', 'c', 'h', 'e', 'c', 'k',
            0, 0, 0, 1, '0',
            0, 0, 0, 12, 's', 'e', 'a', 'l', 'e', 'd', '_', 'v', 'a', 'l', 'u', 'e',
            0, 0, 0, 1, '1'};
        assertArrayEquals(expected, RowPlace.keyCheck().associatedData(1));
    }
}
