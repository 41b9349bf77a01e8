package fr.essaim.sheet;

import java.util.List;

/** What became of a write: every write path answers with one of these, never with a stack trace. */
public sealed interface SaveResult {

    /** The revision was stored. */
    record Saved(String slug, int revision) implements SaveResult {
    }

    /** The source was refused; nothing was stored. */
    record Invalid(List<FieldError> errors) implements SaveResult {
    }

    /** Someone else saved first; nothing was stored and the author's text is still theirs to resubmit. */
    record Conflict(String slug, int currentRevision, String message) implements SaveResult {
    }

    /** The actor's roles do not allow this step; nothing changed. */
    record Forbidden(String message) implements SaveResult {
    }

    /** The step does not apply to the sheet as it stands (e.g. nothing to publish); nothing changed. */
    record Refused(String message) implements SaveResult {
    }

    /** No sheet has this slug. */
    record NotFound(String slug) implements SaveResult {
    }
}
