package fr.essaim.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeptSearchAnswersTest {

    private static final String TAG = "\"s-abc\"";

    @Test
    void aClientHoldingTheTagAmongOthersOrWeaklyOrAnyIsAnswered304() {
        assertTrue(KeptSearchAnswers.held(TAG, TAG));
        assertTrue(KeptSearchAnswers.held("\"autre\", " + TAG, TAG));
        assertTrue(KeptSearchAnswers.held("W/" + TAG, TAG));
        assertTrue(KeptSearchAnswers.held("*", TAG));
    }

    @Test
    void anotherTagOrNoneGetsTheAnswer() {
        assertFalse(KeptSearchAnswers.held(null, TAG));
        assertFalse(KeptSearchAnswers.held("\"s-abcd\"", TAG));
        assertFalse(KeptSearchAnswers.held("s-abc", TAG));
    }
}
