package fr.essaim.theme;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One of the 18 "bouquets de services" of the ADRETS classification. */
@Entity
@Table(name = "theme")
public class Theme {

    @Id
    private int code;

    @Column(nullable = false)
    private String label;

    private String description;

    /** Examples of services, separated by " ; ". */
    private String examples;

    protected Theme() {
    }

    public Theme(int code, String label, String description, String examples) {
        this.code = code;
        this.label = label;
        this.description = description;
        this.examples = examples;
    }

    void update(String label, String description, String examples) {
        this.label = label;
        this.description = description;
        this.examples = examples;
    }

    public int getCode() {
        return code;
    }

    public String getLabel() {
        return label;
    }

    public String getDescription() {
        return description;
    }

    public String getExamples() {
        return examples;
    }
}
