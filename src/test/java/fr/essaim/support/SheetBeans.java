package fr.essaim.support;

import java.time.Clock;
import java.util.Set;

import jakarta.persistence.EntityManager;

import fr.essaim.markdown.MarkdownRenderer;
import fr.essaim.sheet.Actor;
import fr.essaim.sheet.ChangeLog;
import fr.essaim.sheet.JpaSheetRepository;
import fr.essaim.sheet.ReferenceData;
import fr.essaim.sheet.SheetImports;
import fr.essaim.sheet.SheetParser;
import fr.essaim.sheet.SheetSchema;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.SheetWorkflow;
import fr.essaim.sheet.SheetWrites;
import fr.essaim.sheet.WikiLinks;

/** The sheet beans wired as the container wires them, on the persistence unit outside it. */
public final class SheetBeans {

    public final JpaSheetRepository repository;
    public final SheetService sheets;
    public final WikiLinks links;
    public final SheetWorkflow workflow;
    public final SheetImports imports;
    public final ChangeLog changeLog;

    public SheetBeans(ResourceLocalJpa jpa, ReferenceData references) {
        EntityManager em = jpa.entityManager();
        SheetParser parser = new SheetParser(SheetSchema.fromClasspath(), new MarkdownRenderer());
        repository = new JpaSheetRepository(em, Clock.systemUTC());
        sheets = new SheetService(em, repository, parser.schema());
        links = new WikiLinks(em, repository, parser);
        SheetWrites writes = new SheetWrites(repository, jpa, references, parser, links, Clock.systemUTC());
        workflow = new SheetWorkflow(writes);
        imports = new SheetImports(writes);
        changeLog = new ChangeLog(em);
    }

    public static Actor contributor(String name) {
        return new Actor(name, Set.of(Actor.CONTRIBUTOR));
    }

    public static Actor editor(String name) {
        return new Actor(name, Set.of(Actor.EDITOR));
    }
}
