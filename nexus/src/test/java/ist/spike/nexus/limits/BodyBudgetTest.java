package ist.spike.nexus.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {
    private final BodyBudget budget = new BodyBudget(1000, 250);

    @Test
    void aCallerGetsItsShareAndOthersTheRest() {
        assertTrue(budget.tryReserve("a", 200));
        assertFalse(budget.tryReserve("a", 100), "over a's share");
        assertTrue(budget.tryReserve("b", 250));
        assertTrue(budget.tryReserve("c", 250));
        assertTrue(budget.tryReserve("d", 250));
        assertFalse(budget.tryReserve("e", 250), "over the total");
        budget.release("a", 200);
        assertTrue(budget.tryReserve("e", 250));
    }

    @Test
    void aBodyLargerThanTheShareIsAdmittedAlone() {
        assertTrue(budget.tryReserve("a", 600));
        assertFalse(budget.tryReserve("a", 1));
        budget.release("a", 600);
        assertEquals(0, budget.inFlight());
    }
}
