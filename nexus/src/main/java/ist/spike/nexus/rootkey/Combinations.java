package ist.spike.nexus.rootkey;

import java.util.ArrayList;
import java.util.List;

/** Every way to choose {@code k} of a list, in lexicographic order of positions. */
final class Combinations {
    private Combinations() {}

    static List<List<Integer>> of(List<Integer> items, int k) {
        List<List<Integer>> out = new ArrayList<>();
        choose(items, k, 0, new ArrayList<>(), out);
        return out;
    }

    private static void choose(List<Integer> items, int k, int from, List<Integer> chosen, List<List<Integer>> out) {
        if (chosen.size() == k) {
            out.add(List.copyOf(chosen));
            return;
        }
        for (int i = from; i <= items.size() - (k - chosen.size()); i++) {
            chosen.add(items.get(i));
            choose(items, k, i + 1, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }
}
