package fr.essaim.sheet;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One step of the workflow of a sheet: who moved which revision from which state to which, and why. */
@Entity
@Table(name = "workflow_event")
public class WorkflowEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "workflow_event_seq")
    @SequenceGenerator(name = "workflow_event_seq", sequenceName = "workflow_event_seq", allocationSize = JpaSheetRepository.ID_STEP)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "sheet_id", nullable = false, updatable = false)
    private Sheet sheet;

    @Column(name = "revision_number", nullable = false, updatable = false)
    private int revisionNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", updatable = false)
    private ReviewState from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", nullable = false, updatable = false)
    private ReviewState to;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(updatable = false)
    private String comment;

    protected WorkflowEvent() {
    }

    WorkflowEvent(Sheet sheet, int revisionNumber, ReviewState from, ReviewState to, String actor,
            OffsetDateTime createdAt, String comment) {
        this.sheet = sheet;
        this.revisionNumber = revisionNumber;
        this.from = from;
        this.to = to;
        this.actor = actor;
        this.createdAt = createdAt;
        this.comment = comment;
    }

    public int getRevisionNumber() {
        return revisionNumber;
    }

    public ReviewState getFrom() {
        return from;
    }

    public ReviewState getTo() {
        return to;
    }

    public String getActor() {
        return actor;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public String getComment() {
        return comment;
    }
}
