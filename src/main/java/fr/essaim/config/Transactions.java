package fr.essaim.config;

import java.util.function.Supplier;

/** Runs a unit of work in its own transaction: committed when it returns, rolled back when it throws. */
public interface Transactions {

    <T> T inNewTransaction(Supplier<T> work);
}
