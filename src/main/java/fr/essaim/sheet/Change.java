package fr.essaim.sheet;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** "The published state of this sheet changed": one entry of the change log, numbered in commit order. */
@Entity
@Table(name = "change_log")
public class Change {

    @Id
    private long seq;

    @Column(nullable = false, updatable = false)
    private String slug;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected Change() {
    }

    Change(long seq, String slug, OffsetDateTime createdAt) {
        this.seq = seq;
        this.slug = slug;
        this.createdAt = createdAt;
    }

    public long getSeq() {
        return seq;
    }

    public String getSlug() {
        return slug;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
