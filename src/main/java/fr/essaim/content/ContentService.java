package fr.essaim.content;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Moving the corpus in and out of Essaim: what the start-up, the admin API and the admin page call. */
@ApplicationScoped
public class ContentService {

    static final String CORPUS_IMPORTER = "import";

    @Inject
    CorpusImporter importer;

    @Inject
    CorpusExporter exporter;

    @Inject
    YesWikiImporter yesWiki;

    public ImportReport importFolder(Path folder) {
        CorpusReader.Result read = CorpusReader.readFolder(folder);
        return importer.importCorpus(read.corpus(), read.report(), CORPUS_IMPORTER);
    }

    /** Imports a zip archive in the corpus format; a broken or oversized archive is refused whole. */
    public ImportReport importZip(byte[] archive, String importer) throws ContentException {
        CorpusReader.Result read = CorpusReader.readZip(archive, CorpusReader.Limits.DEFAULT);
        return this.importer.importCorpus(read.corpus(), read.report(), importer);
    }

    /** Imports the entries of a YesWiki Bazar form (the JSON of {@code api/forms/{id}/entries}). */
    public ImportReport importYesWiki(String json, String importer) throws ContentException {
        return yesWiki.importEntries(json, importer);
    }

    public byte[] exportZip() {
        return CorpusZip.zip(exporter.export());
    }

    /** The sheets among these slugs, as a zip in the corpus format. */
    public byte[] exportZip(java.util.Set<String> slugs) {
        return CorpusZip.zip(exporter.export(slugs::contains));
    }
}
