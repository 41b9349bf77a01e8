package fr.essaim.essaimage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import fr.essaim.infra.Jdbc;

/**
 * Counts gathered in memory between two writes, so that a page view or a search costs no database
 * write; what could not be written (the database still starting, a failure) is kept for the next time.
 */
final class Pending<K, V> {

    private static final Logger LOG = Logger.getLogger(Pending.class.getName());

    /** Writes one key's counts on the connection of the flush's transaction. */
    @FunctionalInterface
    interface Writer<K, V> {
        void write(Connection connection, K key, V value) throws SQLException;
    }

    private final Map<K, V> counts = new ConcurrentHashMap<>();
    private final BinaryOperator<V> merge;

    Pending(BinaryOperator<V> merge) {
        this.merge = merge;
    }

    void add(K key, V value) {
        counts.merge(key, value, merge);
    }

    /** Writes everything gathered so far in one transaction; on failure it is all kept. */
    synchronized void flush(DataSource dataSource, Writer<K, V> writer) {
        Map<K, V> taken = new LinkedHashMap<>();
        for (K key : counts.keySet()) {
            V value = counts.remove(key);
            if (value != null) {
                taken.put(key, value);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            Jdbc.inTransaction(dataSource, connection -> {
                for (Map.Entry<K, V> entry : taken.entrySet()) {
                    writer.write(connection, entry.getKey(), entry.getValue());
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            taken.forEach(this::add);
            LOG.log(Level.WARNING, "Décomptes non enregistrés, gardés pour la prochaine écriture : " + e);
        }
    }
}
