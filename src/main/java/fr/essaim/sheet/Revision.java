package fr.essaim.sheet;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
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

/**
 * One immutable state of a sheet: the full Markdown source, what was parsed and rendered from it,
 * who wrote it and when. Nothing here is ever updated; a change is a new revision.
 */
@Entity
@Table(name = "revision")
public class Revision {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "revision_seq")
    @SequenceGenerator(name = "revision_seq", sequenceName = "revision_seq", allocationSize = JpaSheetRepository.ID_STEP)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "sheet_id", nullable = false, updatable = false)
    private Sheet sheet;

    @Column(nullable = false, updatable = false)
    private int number;

    @Column(nullable = false, updatable = false)
    private String source;

    @Column(nullable = false, updatable = false)
    private String kind;

    @Column(nullable = false, updatable = false)
    private String title;

    @Column(updatable = false)
    private String summary;

    @Column(name = "fields_json", nullable = false, updatable = false)
    private String fieldsJson;

    @Column(nullable = false, updatable = false)
    private String html;

    @Column(nullable = false, updatable = false)
    private String author;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(updatable = false)
    private String comment;

    /** The one mutable fact of a revision: where it stands in the workflow. */
    @Enumerated(EnumType.STRING)
    @Column(name = "review_state", nullable = false)
    private ReviewState reviewState = ReviewState.DRAFT;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "revision_link", joinColumns = @JoinColumn(name = "revision_id"))
    @Column(name = "target_slug", updatable = false)
    private Set<String> links = new LinkedHashSet<>();

    protected Revision() {
    }

    Revision(Sheet sheet, int number, ParsedSheet parsed, String author, OffsetDateTime createdAt, String comment) {
        this.sheet = sheet;
        this.number = number;
        this.source = parsed.source();
        this.kind = parsed.kind();
        this.title = parsed.title();
        this.summary = parsed.summary();
        this.fieldsJson = parsed.fieldsJson();
        this.html = parsed.html();
        this.links = new LinkedHashSet<>(parsed.links());
        this.author = author;
        this.createdAt = createdAt;
        this.comment = comment;
    }

    public Long getId() {
        return id;
    }

    public Sheet getSheet() {
        return sheet;
    }

    public int getNumber() {
        return number;
    }

    public String getSource() {
        return source;
    }

    public String getKind() {
        return kind;
    }

    public String getTitle() {
        return title;
    }

    public String getSummary() {
        return summary;
    }

    public String getFieldsJson() {
        return fieldsJson;
    }

    public String getHtml() {
        return html;
    }

    public String getAuthor() {
        return author;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public String getComment() {
        return comment;
    }

    public ReviewState getReviewState() {
        return reviewState;
    }

    void setReviewState(ReviewState reviewState) {
        this.reviewState = reviewState;
    }

    public List<String> getLinks() {
        return links.stream().sorted().toList();
    }
}
