package fr.essaim.sheet;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import fr.essaim.infra.Transactions;
import fr.essaim.markdown.MarkdownRenderer;

/**
 * What every write use case shares: parsing a source against the schema, the reference data and
 * the stored names; one transaction per use case ({@link Transactions}) holding everything it reads
 * to decide; the failures of the commit turned into answers ({@link WriteConflicts}); the
 * repository that carries the write out.
 */
@ApplicationScoped
public class SheetWrites {

    private SheetRepository repository;
    private Transactions transactions;
    private ReferenceData references;
    private SheetParser parser;
    private WikiLinks links;
    private Clock clock;

    protected SheetWrites() {
        // for the container's proxy
    }

    @Inject
    public SheetWrites(SheetRepository repository, Transactions transactions, ReferenceData references, WikiLinks links) {
        this(repository, transactions, references, new SheetParser(SheetSchema.fromClasspath(), new MarkdownRenderer()),
                links, Clock.systemUTC());
    }

    public SheetWrites(SheetRepository repository, Transactions transactions, ReferenceData references, SheetParser parser,
            WikiLinks links, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.references = references;
        this.parser = parser;
        this.links = links;
        this.clock = clock;
    }

    SheetRepository repository() {
        return repository;
    }

    ParsedSheet parse(String source) throws InvalidSheetException {
        return parser.parse(source, references, links.targets());
    }

    /** Parses the source and goes on with it, or answers with the schema's refusal. */
    SaveResult ifValid(String source, Function<ParsedSheet, SaveResult> then) {
        try {
            return then.apply(parse(source));
        } catch (InvalidSheetException e) {
            return new SaveResult.Invalid(e.errors());
        }
    }

    /** A write use case on this slug, in its own transaction; a lost race or a name taken is an answer. */
    SaveResult write(String slug, Supplier<SaveResult> work) {
        try {
            return transactions.inNewTransaction(work);
        } catch (RuntimeException e) {
            return WriteConflicts.answer(e, slug,
                    () -> repository.find(slug).map(Sheet::getLatestRevision).orElse(0));
        }
    }

    /** A write on an existing sheet, in its own transaction; an unknown slug is answered as such. */
    SaveResult writeOnSheet(String slug, Function<Sheet, SaveResult> work) {
        return write(slug, () -> repository.find(slug).map(work).orElseGet(() -> new SaveResult.NotFound(slug)));
    }

    /**
     * Old names must designate one sheet only: an alias already used by another sheet, or equal
     * to another sheet's slug, is refused with its owner's name.
     */
    List<FieldError> aliasErrors(String slug, Collection<String> aliases) {
        List<FieldError> errors = new ArrayList<>();
        for (String alias : aliases) {
            repository.aliasOwner(alias).filter(other -> !other.equals(slug))
                    .or(() -> repository.find(alias).map(Sheet::getSlug).filter(other -> !other.equals(slug)))
                    .ifPresent(other -> errors.add(new FieldError("aliases",
                            "l'ancien nom « " + alias + " » désigne déjà la fiche « " + other + " »")));
        }
        return errors;
    }

    /** True if a sheet has this slug or this old name. */
    boolean isNameTaken(String name) {
        return repository.ownerOf(name).isPresent();
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    static SaveResult forbidden(Actor actor, String what) {
        return new SaveResult.Forbidden("Le compte « " + actor.name() + " » n'a pas le droit de " + what + ".");
    }
}
