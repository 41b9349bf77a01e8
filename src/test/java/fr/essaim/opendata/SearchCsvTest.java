package fr.essaim.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

import fr.essaim.search.InvalidSearchException;

class SearchCsvTest {

    @Test
    void formatWinsOverAcceptAndAnUnknownOneIsRefusedInFrench() throws Exception {
        assertTrue(SearchCsv.wanted("csv", List.of(MediaType.APPLICATION_JSON_TYPE)));
        assertTrue(SearchCsv.wanted(" CSV ", List.of()));
        assertFalse(SearchCsv.wanted("json", List.of(new MediaType("text", "csv"))));
        InvalidSearchException refused = assertThrows(InvalidSearchException.class, () -> SearchCsv.wanted("xlsx", List.of()));
        assertEquals("« format » vaut json ou csv (reçu : xlsx)", refused.getMessage());
    }

    @Test
    void onlyAnAcceptWhoseFirstChoiceIsCsvGetsCsv() throws Exception {
        assertTrue(SearchCsv.wanted(null, List.of(new MediaType("text", "csv"), MediaType.WILDCARD_TYPE)));
        assertFalse(SearchCsv.wanted(null, List.of(MediaType.WILDCARD_TYPE)), "a browser's */* keeps JSON");
        assertFalse(SearchCsv.wanted(null, List.of(new MediaType("text", "*"))));
        assertFalse(SearchCsv.wanted(null, List.of(MediaType.APPLICATION_JSON_TYPE, new MediaType("text", "csv"))));
        assertFalse(SearchCsv.wanted(null, List.of()));
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasStartWithAnApostrophe() {
        for (String hostile : List.of("=HYPERLINK(\"https://exemple.invalid\")", "+33 1 23", "-2+3", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + hostile, SheetTable.neutralised(hostile));
        }
        assertEquals("Zirond'aile", SheetTable.neutralised("Zirond'aile"));
        assertEquals("", SheetTable.neutralised(""));
    }
}
