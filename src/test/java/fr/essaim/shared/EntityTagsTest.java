package fr.essaim.shared;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

    private static final String TAG = "\"s-abc\"";

    @Test
    void aClientHoldingTheTagAmongOthersOrWeaklyOrAnyIsAnswered304() {
        assertTrue(EntityTags.held(TAG, TAG));
        assertTrue(EntityTags.held("\"autre\", " + TAG, TAG));
        assertTrue(EntityTags.held("W/" + TAG, TAG));
        assertTrue(EntityTags.held("*", TAG));
    }

    @Test
    void anotherTagOrNoneGetsTheAnswer() {
        assertFalse(EntityTags.held(null, TAG));
        assertFalse(EntityTags.held("\"s-abcd\"", TAG));
        assertFalse(EntityTags.held("s-abc", TAG));
    }
}
