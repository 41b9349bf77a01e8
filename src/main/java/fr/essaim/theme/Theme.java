package fr.essaim.theme;

/** One of the 18 "bouquets de services" of the ADRETS classification. */
public final class Theme {

    private final int code;
    private final String label;
    private final String description;
    /** Examples of services, separated by " ; ". */
    private final String examples;

    public Theme(int code, String label, String description, String examples) {
        this.code = code;
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
