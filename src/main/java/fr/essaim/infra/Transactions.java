package fr.essaim.infra;

import java.util.function.Supplier;

/**
 * Runs a unit of work in its own transaction: committed when it returns, rolled back when it throws.
 *
 * <p>This is the one transaction boundary of the JPA writes. Each write use case of a service
 * (create, save, submit, publish, reject, unpublish, restore, save and submit, save and publish,
 * import of one sheet, pruning of the change log) makes exactly one call, and everything it reads to decide — the base revision,
 * names already taken — is read inside it. Readers need none: a page or an API answer reads
 * committed data outside any transaction. A batch job (the index rebuild and catch-up) makes one
 * call per batch, so that no transaction grows with the corpus.
 *
 * <p>Why not {@code @Transactional} on the use-case methods: an interceptor commits after the
 * method has returned, so the outcome of the commit — a lost race on the version column, a name
 * taken meanwhile — could not become the method's answer ({@code SaveResult.Conflict},
 * {@code SaveResult.Invalid}); here the commit happens inside the call and its failure is caught by
 * the service. And the same services run outside the container in the persistence tests, with a
 * resource-local implementation of this interface.
 *
 * <p>Plain JDBC ({@link Jdbc}) is kept for the writes JPA would only slow down or that have no
 * entity: the first-start bulk import (JDBC batches, one transaction per batch of 500 sheets),
 * the cleaning of stored HTML, accounts and tokens.
 */
public interface Transactions {

    <T> T inNewTransaction(Supplier<T> work);
}
