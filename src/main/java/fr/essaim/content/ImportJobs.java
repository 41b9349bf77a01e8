package fr.essaim.content;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Imports started from the administration run in the background, so that the page can follow
 * them file by file: each job keeps its report, which fills up as the files come in. The last
 * few jobs are kept for their report; they live in this node's memory only.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class.getName());
    private static final int KEPT = 20;

    /** An import to run into the report it is given. */
    @FunctionalInterface
    public interface Work {
        void run(ImportReport report) throws ContentException;
    }

    public enum State {
        RUNNING("en-cours"), DONE("termine"), FAILED("echec");

        private final String code;

        State(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** One import: who started it, how far it got, and why it stopped if it failed. */
    public static final class Job {
        private final String id;
        private final String owner;
        private final ImportReport report = new ImportReport();
        private volatile State state = State.RUNNING;
        private volatile String error;

        Job(String id, String owner) {
            this.id = id;
            this.owner = owner;
        }

        public String id() {
            return id;
        }

        public String owner() {
            return owner;
        }

        public ImportReport report() {
            return report;
        }

        public State state() {
            return state;
        }

        public String error() {
            return error;
        }
    }

    @Resource
    ManagedExecutorService executor;

    private final Map<String, Job> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > KEPT;
        }
    };

    /** Starts the work in the background and answers at once with its job. */
    public Job start(String owner, Work work) {
        Job job = new Job(UUID.randomUUID().toString(), owner);
        synchronized (jobs) {
            jobs.put(job.id(), job);
        }
        executor.submit(() -> {
            try {
                work.run(job.report);
                job.state = State.DONE;
            } catch (ContentException e) {
                job.error = e.getMessage();
                job.state = State.FAILED;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Import " + job.id() + " interrompu", e);
                job.error = "import interrompu : " + e.getMessage();
                job.state = State.FAILED;
            }
        });
        return job;
    }

    public Optional<Job> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }
}
