package fr.essaim.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;

import org.apache.lucene.store.FSDirectory;

import fr.essaim.infra.DatabaseIdentity;
import fr.essaim.infra.DatabaseMigration;
import fr.essaim.content.CorpusImporter;
import fr.essaim.content.CorpusReader;
import fr.essaim.content.ImportReport;
import fr.essaim.sheet.References;
import fr.essaim.sheet.SheetService;
import fr.essaim.support.ResourceLocalJpa;
import fr.essaim.support.SheetBeans;
import fr.essaim.territory.TerritoryCatalog;
import fr.essaim.territory.TerritoryFile;
import fr.essaim.theme.ThemeService;

/** The real corpus in a real database, and a search index built from it in a folder of its own. */
final class SearchFixture implements AutoCloseable {

    static final Path CONTENT = Path.of(System.getProperty("essaim.content.dir", "content"));
    static final TerritoryCatalog TERRITORIES = new TerritoryCatalog(TerritoryFile.fromClasspath());
    static final Map<Integer, String> THEMES = new ThemeService().labels();

    final ResourceLocalJpa jpa;
    final SheetBeans beans;
    final SheetService sheets;
    final Path indexFolder;
    final DataSource dataSource;
    SearchEngine engine;

    SearchFixture(DataSource dataSource, Path indexFolder) throws IOException {
        DatabaseMigration.migrate(dataSource);
        jpa = new ResourceLocalJpa(dataSource);
        beans = new SheetBeans(jpa, new References(TERRITORIES, new ThemeService()));
        sheets = beans.sheets;
        this.indexFolder = indexFolder;
        this.dataSource = dataSource;
    }

    ImportReport importCorpus() {
        return importCorpus(CONTENT);
    }

    ImportReport importCorpus(Path content) {
        CorpusReader.Result read = CorpusReader.readFolder(content);
        return new CorpusImporter(sheets, beans.imports).importCorpus(read.corpus(), read.report(), "import");
    }

    /** Opens the index folder as the application does at start-up: rebuilt if needed, then caught up. */
    SearchEngine open() throws IOException {
        Files.createDirectories(indexFolder);
        return open(FSDirectory::open);
    }

    /** The same, with the index's folders opened by {@code directories}: a test's faulty disk. */
    SearchEngine open(SearchIndex.Directories directories) throws IOException {
        Files.createDirectories(indexFolder);
        SearchIndex index = SearchIndex.open(indexFolder, TERRITORIES, THEMES, expected(), directories);
        engine = new SearchEngine(index, TERRITORIES, THEMES, sheets.schema(), FrenchAnalysis.synonymsFromClasspath());
        IndexSync sync = new IndexSync(sheets, beans.changeLog, index, jpa);
        if (index.needsRebuild()) {
            sync.rebuild(done -> { });
        } else {
            sync.catchUp();
        }
        engine.refreshSuggestions();
        return engine;
    }

    /** What the index must agree with: this database and its change log. */
    SearchIndex.Expected expected() {
        try {
            return new SearchIndex.Expected(DatabaseIdentity.of(dataSource), beans.changeLog.lastChange(),
                    beans.changeLog.firstKept());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    IndexSync sync() {
        return new IndexSync(sheets, beans.changeLog, engine.index(), jpa);
    }

    @Override
    public void close() throws IOException {
        if (engine != null) {
            engine.close();
        }
        jpa.close();
    }
}
