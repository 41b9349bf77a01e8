package fr.essaim.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;

import fr.essaim.infra.Transactions;

/**
 * The application's persistence unit outside the container, with what the container gives the
 * services: an injectable entity manager bound to the current thread's transaction, and a way to
 * run work in a new transaction.
 */
public final class ResourceLocalJpa implements Transactions, AutoCloseable {

    private final EntityManagerFactory factory;
    private final ThreadLocal<EntityManager> inTransaction = new ThreadLocal<>();
    private final ThreadLocal<EntityManager> outsideTransaction = new ThreadLocal<>();

    public ResourceLocalJpa(DataSource dataSource) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.jtaDataSource", "");
        properties.put("jakarta.persistence.nonJtaDataSource", dataSource);
        properties.put("eclipselink.weaving", "false");
        properties.put("eclipselink.logging.level", "WARNING");
        factory = Persistence.createEntityManagerFactory("essaim", properties);
    }

    /** An entity manager that, like the container's, works on the current transaction if there is one. */
    public EntityManager entityManager() {
        return (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> {
                    EntityManager target = inTransaction.get();
                    if (target == null) {
                        target = readingEntityManager();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private EntityManager readingEntityManager() {
        EntityManager reader = outsideTransaction.get();
        if (reader == null) {
            reader = factory.createEntityManager();
            outsideTransaction.set(reader);
        }
        // Outside a transaction every read sees the database as it is now.
        reader.clear();
        return reader;
    }

    @Override
    public <T> T inNewTransaction(Supplier<T> work) {
        EntityManager previous = inTransaction.get();
        EntityManager em = factory.createEntityManager();
        inTransaction.set(em);
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.get();
            transaction.commit();
            return result;
        } catch (RuntimeException e) {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            throw e;
        } finally {
            em.close();
            if (previous == null) {
                inTransaction.remove();
            } else {
                inTransaction.set(previous);
            }
        }
    }

    /** A plain entity manager, for tests that play two users at the entity level. */
    public EntityManager newEntityManager() {
        return factory.createEntityManager();
    }

    @Override
    public void close() {
        factory.close();
    }
}
