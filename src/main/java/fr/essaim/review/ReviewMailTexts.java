package fr.essaim.review;

import java.util.List;
import java.util.function.Supplier;

import org.jsoup.nodes.Entities;

import fr.essaim.mail.Mail;

/** The review mails, in French, as plain text and as simple accessible HTML; every link from ESSAIM_PUBLIC_URL. */
final class ReviewMailTexts {

    /** A proposal waiting for review, as the editors' digest lists it. */
    record Proposal(String slug, String title, String author, boolean isNew) {
    }

    private final Supplier<String> publicUrl;

    ReviewMailTexts(Supplier<String> publicUrl) {
        this.publicUrl = publicUrl;
    }

    Mail digest(String email, List<Proposal> proposals) {
        int fresh = (int) proposals.stream().filter(Proposal::isNew).count();
        String subject = "Essaim : " + fresh + (fresh > 1 ? " nouvelles propositions attendent" : " nouvelle proposition attend")
                + " votre relecture";
        String queue = publicUrl.get() + "/relecture";
        StringBuilder text = new StringBuilder("Bonjour,\n\n")
                .append(proposals.size() > 1 ? proposals.size() + " propositions attendent" : "Une proposition attend")
                .append(" une relecture sur Essaim :\n");
        StringBuilder html = page(subject).append("<p>Bonjour,</p>\n<p>")
                .append(proposals.size() > 1 ? proposals.size() + " propositions attendent" : "Une proposition attend")
                .append(" une relecture sur Essaim&nbsp;:</p>\n<ul>\n");
        for (Proposal proposal : proposals) {
            String url = queue + "?fiche=" + proposal.slug();
            String line = "« " + proposal.title() + " », proposée par " + proposal.author() + (proposal.isNew() ? " (nouvelle)" : "");
            text.append("\n- ").append(line).append("\n  ").append(url).append('\n');
            html.append("<li><a href=\"").append(escape(url)).append("\">").append(escape(proposal.title())).append("</a>, proposée par ")
                    .append(escape(proposal.author())).append(proposal.isNew() ? " <strong>(nouvelle)</strong>" : "").append("</li>\n");
        }
        text.append("\nToutes les propositions : ").append(queue).append('\n');
        html.append("</ul>\n<p><a href=\"").append(escape(queue)).append("\">Ouvrir la relecture</a></p>\n");
        return finish(email, subject, text, html);
    }

    Mail published(String email, String slug, String title) {
        String subject = "Essaim : votre fiche « " + title + " » est publiée";
        String url = publicUrl.get() + "/fiches/" + slug;
        StringBuilder text = new StringBuilder("Bonjour,\n\nVotre fiche « ").append(title)
                .append(" » a été relue et publiée : chacun peut maintenant la lire et la trouver dans la recherche.\n\n")
                .append("La voir : ").append(url).append('\n');
        StringBuilder html = page(subject).append("<p>Bonjour,</p>\n<p>Votre fiche «&nbsp;").append(escape(title))
                .append("&nbsp;» a été relue et publiée&nbsp;: chacun peut maintenant la lire et la trouver dans la recherche.</p>\n")
                .append("<p><a href=\"").append(escape(url)).append("\">Voir la fiche publiée</a></p>\n");
        return finish(email, subject, text, html);
    }

    Mail refused(String email, String slug, String title, String reason) {
        String subject = "Essaim : votre proposition « " + title + " » est refusée";
        String edit = publicUrl.get() + "/fiches/" + slug + "/modifier";
        String why = reason == null ? "" : reason.strip();
        StringBuilder text = new StringBuilder("Bonjour,\n\nVotre proposition « ").append(title)
                .append(" » n'a pas été publiée. Le motif de la relecture :\n\n")
                .append(why.indent(4)).append('\n')
                .append("Vous pouvez la corriger et la proposer à nouveau : ").append(edit).append('\n');
        StringBuilder html = page(subject).append("<p>Bonjour,</p>\n<p>Votre proposition «&nbsp;").append(escape(title))
                .append("&nbsp;» n'a pas été publiée. Le motif de la relecture&nbsp;:</p>\n<blockquote><p>")
                .append(escape(why).replace("\n", "<br/>")).append("</p></blockquote>\n")
                .append("<p><a href=\"").append(escape(edit)).append("\">Corriger et proposer à nouveau</a></p>\n");
        return finish(email, subject, text, html);
    }

    private Mail finish(String email, String subject, StringBuilder text, StringBuilder html) {
        String settings = publicUrl.get() + "/mes-fiches#courriels";
        text.append("\n--\nNe plus recevoir ces courriels : « Mes fiches », ").append(settings).append('\n');
        html.append("<hr/>\n<p><a href=\"").append(escape(settings))
                .append("\">Ne plus recevoir ces courriels (« Mes fiches »)</a></p>\n</body>\n</html>\n");
        return new Mail(email, subject, text.toString(), html.toString(), null);
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(escape(title)).append("</title>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
    }

    private static String escape(String text) {
        return Entities.escape(text);
    }
}
