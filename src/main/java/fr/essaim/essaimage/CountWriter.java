package fr.essaim.essaimage;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * Writes the view and search-gap counts every minute, and once a day deletes the search gaps older
 * than a year; what is still in memory is written when the application stops.
 */
@ApplicationScoped
public class CountWriter {

    private static final Logger LOG = Logger.getLogger(CountWriter.class.getName());

    @Inject
    SearchGaps gaps;

    @Inject
    SheetViews views;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private List<ScheduledFuture<?>> tasks = List.of();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        tasks = List.of(
                scheduler.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.MINUTES),
                // The first cleanup waits for the start (migrations) to be over.
                scheduler.scheduleWithFixedDelay(this::forgetOld, 10, 24 * 60, TimeUnit.MINUTES));
    }

    private void flush() {
        gaps.flush();
        views.flush();
    }

    private void forgetOld() {
        try {
            int deleted = gaps.forgetOld();
            LOG.info(() -> "Recherches sans résultat de plus de " + SearchGaps.KEPT_MONTHS + " mois effacées : " + deleted);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Effacement des anciennes recherches sans résultat remis à demain", e);
        }
    }

    /** Before the embedded database is closed at shutdown (see the start-up's own observer, which runs later). */
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        tasks.forEach(task -> task.cancel(false));
        flush();
    }
}
