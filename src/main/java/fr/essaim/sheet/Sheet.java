package fr.essaim.sheet;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A sheet: a stable slug and a history of immutable revisions, one of which may be published. */
@Entity
@Table(name = "sheet")
public class Sheet {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sheet_seq")
    @SequenceGenerator(name = "sheet_seq", sequenceName = "sheet_seq", allocationSize = JpaSheetRepository.ID_STEP)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String slug;

    @Column(nullable = false)
    private String kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SheetState state;

    @Column(nullable = false)
    private String title;

    /** The title as wiki links match it (see {@link WikiTargets#titleKey}), indexed. */
    @Column(name = "title_key", nullable = false)
    private String titleKey;

    @Column(name = "latest_revision", nullable = false)
    private int latestRevision;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "published_revision_id")
    private Revision publishedRevision;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "pending_revision_id")
    private Revision pendingRevision;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sheet_alias", joinColumns = @JoinColumn(name = "sheet_id"))
    @Column(name = "alias")
    private Set<String> aliases = new LinkedHashSet<>();

    @Version
    private long version;

    protected Sheet() {
    }

    public Sheet(String slug, String kind, String title, OffsetDateTime createdAt) {
        this.slug = slug;
        this.kind = kind;
        retitle(title);
        this.state = SheetState.DRAFT;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** Records a new revision, which waits for review until it is published. */
    void propose(Revision revision) {
        latestRevision = revision.getNumber();
        pendingRevision = revision;
        updatedAt = revision.getCreatedAt();
        if (state != SheetState.PUBLISHED) {
            kind = revision.getKind();
            retitle(revision.getTitle());
        }
    }

    void publish(Revision revision, OffsetDateTime at) {
        publishedRevision = revision;
        if (pendingRevision != null && pendingRevision.getNumber() <= revision.getNumber()) {
            pendingRevision = null;
        }
        kind = revision.getKind();
        retitle(revision.getTitle());
        state = SheetState.PUBLISHED;
        updatedAt = at;
    }

    private void retitle(String newTitle) {
        title = newTitle;
        titleKey = WikiTargets.titleKey(newTitle);
    }

    /** Withdraws the sheet from readers; its revisions and history stay. */
    void unpublish(OffsetDateTime at) {
        state = SheetState.UNPUBLISHED;
        updatedAt = at;
    }

    /** The open proposal was refused or withdrawn: nothing waits for review any more. */
    void closePending() {
        pendingRevision = null;
    }

    void addAliases(Set<String> names) {
        aliases.addAll(names);
    }

    public Long getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public String getKind() {
        return kind;
    }

    public SheetState getState() {
        return state;
    }

    public String getTitle() {
        return title;
    }

    public String getTitleKey() {
        return titleKey;
    }

    public int getLatestRevision() {
        return latestRevision;
    }

    public Revision getPublishedRevision() {
        return publishedRevision;
    }

    public Revision getPendingRevision() {
        return pendingRevision;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public Set<String> getAliases() {
        return Set.copyOf(aliases);
    }

    public long getVersion() {
        return version;
    }
}
