package fr.essaim.sheet;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

import jakarta.persistence.OptimisticLockException;

/**
 * What a failed write means to its author: a lost race on the text becomes a
 * {@link SaveResult.Conflict}, a name taken meanwhile a {@link SaveResult.Invalid}, a step the
 * write refused a rollback with that step's answer; anything else is a real error and goes on.
 */
final class WriteConflicts {

    private static final Logger LOG = Logger.getLogger(WriteConflicts.class.getName());

    private WriteConflicts() {
    }

    /** The answer to give for this failure of a write on {@code slug}, or the failure itself, rethrown. */
    static SaveResult answer(RuntimeException error, String slug, IntSupplier currentRevision) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof RolledBack rolledBack) {
                return rolledBack.answer;
            }
        }
        if (isUniqueViolation(error)) {
            LOG.fine(() -> "Nom déjà pris pour " + slug + " : " + error);
            return new SaveResult.Invalid(List.of(new FieldError("slug", "l'identifiant « " + slug
                    + " » ou l'un des anciens noms de la fiche est déjà pris par une autre fiche")));
        }
        if (isConflict(error)) {
            int current = currentRevision.getAsInt();
            LOG.fine(() -> "Écriture concurrente refusée sur " + slug + " : " + error);
            return new SaveResult.Conflict(slug, current, "La fiche « " + slug
                    + " » a été modifiée entre-temps (révision " + current
                    + ") : votre texte n'a pas été enregistré, reprenez-le sur la dernière révision.");
        }
        throw error;
    }

    /** True when a write lost a race: a stale base revision, a version check, or a revision number taken. */
    static boolean isConflict(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof StaleRevisionException || e instanceof OptimisticLockException
                    || "OptimisticLockException".equals(e.getClass().getSimpleName())) {
                return true;
            }
            if (e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** True when a slug or an alias is already taken: a name clash, not a race on the text. */
    static boolean isUniqueViolation(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains("sheet_slug_unique") || message.contains("sheet_alias");
            }
        }
        return false;
    }

    /** Thrown inside a write to roll it back when the author's base revision is no longer the latest. */
    static final class StaleRevisionException extends RuntimeException {
        StaleRevisionException() {
            super("stale base revision", null, false, false);
        }
    }

    /** Thrown inside a write to roll back what it did so far, answering as a later step refused. */
    static final class RolledBack extends RuntimeException {
        private final transient SaveResult answer;

        RolledBack(SaveResult answer) {
            super("rolled back: " + answer, null, false, false);
            this.answer = answer;
        }
    }
}
