package fr.essaim.api;

import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The JSON bodies and answers of the write API, as JSON-B writes and reads them. */
public final class SheetWriteAnswers {

    private SheetWriteAnswers() {
    }

    /** A revision written: its review state ({@code draft}, {@code pending}…) and the sheet's. */
    @JsonbPropertyOrder({"slug", "revision", "state", "sheetState", "url"})
    public record Written(String slug, int revision, String state, String sheetState, String url) {
    }

    public record Preview(String html) {
    }

    /** What a client sends as JSON: the whole source, or the fields and the text; an optional edit comment. */
    public record SheetBody(String markdown, Map<String, Object> fields, String body, String comment) {
    }

    /** The comment of a workflow step, required to reject. */
    public record StepComment(String comment) {
    }

    @JsonbPropertyOrder({"number", "state", "stateLabel", "author", "date", "comment"})
    public record RevisionSummary(int number, String state, String stateLabel, String author, String date, String comment) {
    }

    @JsonbPropertyOrder({"revision", "from", "to", "actor", "date", "comment"})
    public record Transition(int revision, String from, String to, String actor, String date, String comment) {
    }

    @JsonbPropertyOrder({"slug", "revisions", "transitions"})
    public record History(String slug, List<RevisionSummary> revisions, List<Transition> transitions) {
    }

    @JsonbPropertyOrder({"number", "state", "stateLabel", "author", "date", "comment", "slug", "title", "kind", "fields",
        "markdown", "html"})
    public record RevisionText(int number, String state, String stateLabel, String author, String date, String comment,
            String slug, String title, String kind, JsonObject fields, String markdown, String html) {
    }

    /** A sheet refused field by field: a problem with the French message of each field. */
    @JsonbPropertyOrder({"type", "title", "status", "detail", "error", "errors"})
    public record Refusal(String type, String title, int status, String detail, String error, List<Field> errors) {

        public record Field(String field, String message) {
        }
    }

    /** A stale edit: a problem with the revision that won, its tag, its text and its author. */
    @JsonbPropertyOrder({"type", "title", "status", "detail", "error", "currentRevision", "etag", "markdown", "author"})
    public record Conflict(String type, String title, int status, String detail, String error, int currentRevision,
            String etag, String markdown, String author) {
    }
}
