package fr.essaim.alert;

import java.util.List;
import java.util.function.Supplier;

import org.jsoup.nodes.Entities;

import fr.essaim.mail.Mail;

/** The confirmation and digest mails, in French, as plain text and as simple accessible HTML. */
final class AlertMails {

    /** One followed search or sheet of a digest, with what is new for it. */
    record Section(long subscription, Target target, String description, List<Found> sheets, List<String> withdrawn) {
    }

    private final Supplier<String> publicUrl;

    AlertMails(Supplier<String> publicUrl) {
        this.publicUrl = publicUrl;
    }

    String manageUrl(String token) {
        return publicUrl.get() + "/abonnements/gerer?jeton=" + token;
    }

    String unsubscribeUrl(String token) {
        return publicUrl.get() + "/abonnements/desabonner?jeton=" + token;
    }

    Mail confirmation(String email, String token, List<String> pending) {
        String confirm = publicUrl.get() + "/abonnements/confirmer?jeton=" + token;
        StringBuilder text = new StringBuilder()
                .append("Bonjour,\n\n")
                .append("Quelqu'un, sans doute vous, a demandé à recevoir par courriel les nouveautés d'Essaim pour :\n\n");
        pending.forEach(item -> text.append("- ").append(item).append('\n'));
        text.append("\nPour confirmer, ouvrez ce lien :\n").append(confirm).append("\n\n")
                .append("Sans confirmation, rien ne vous sera envoyé et la demande sera effacée dans 7 jours.\n")
                .append("Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.\n\n")
                .append("Ne plus rien recevoir et effacer votre adresse : ").append(unsubscribeUrl(token)).append('\n');
        StringBuilder html = page("Confirmez votre abonnement")
                .append("<p>Bonjour,</p>\n<p>Quelqu'un, sans doute vous, a demandé à recevoir par courriel les nouveautés "
                        + "d'Essaim pour&nbsp;:</p>\n<ul>\n");
        pending.forEach(item -> html.append("<li>").append(escape(item)).append("</li>\n"));
        html.append("</ul>\n<p><a href=\"").append(escape(confirm)).append("\">Confirmer mon abonnement</a></p>\n")
                .append("<p>Sans confirmation, rien ne vous sera envoyé et la demande sera effacée dans 7 jours. "
                        + "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.</p>\n")
                .append(footer(token));
        return new Mail(email, "Essaim : confirmez votre abonnement", text.toString(), html.toString(), unsubscribeUrl(token));
    }

    Mail digest(String email, String token, List<Section> sections) {
        int count = sections.stream().mapToInt(s -> s.sheets().size() + s.withdrawn().size()).sum();
        String subject = "Essaim : " + count + (count > 1 ? " nouveautés" : " nouveauté") + " dans vos suivis";
        StringBuilder text = new StringBuilder("Bonjour,\n\nVoici les fiches publiées ou modifiées depuis notre dernier courriel.\n");
        StringBuilder html = page(subject).append("<p>Bonjour,</p>\n<p>Voici les fiches publiées ou modifiées depuis "
                + "notre dernier courriel.</p>\n");
        for (Section section : sections) {
            String manage = manageUrl(token) + "#suivi-" + section.subscription();
            text.append("\n== ").append(section.description()).append(" ==\n");
            html.append("<h2>").append(escape(section.description())).append("</h2>\n<ul>\n");
            for (Found sheet : section.sheets()) {
                String url = publicUrl.get() + "/fiches/" + sheet.slug();
                text.append("\n- ").append(sheet.title()).append('\n');
                if (sheet.summary() != null && !sheet.summary().isBlank()) {
                    text.append("  ").append(sheet.summary()).append('\n');
                }
                text.append("  ").append(url).append('\n');
                html.append("<li><a href=\"").append(escape(url)).append("\">").append(escape(sheet.title())).append("</a>");
                if (sheet.summary() != null && !sheet.summary().isBlank()) {
                    html.append("<br/>").append(escape(sheet.summary()));
                }
                html.append("</li>\n");
            }
            for (String slug : section.withdrawn()) {
                text.append("\n- La fiche « ").append(slug).append(" » n'est plus publiée.\n");
                html.append("<li>La fiche «&nbsp;").append(escape(slug)).append("&nbsp;» n'est plus publiée.</li>\n");
            }
            text.append("\nGérer ou arrêter ce suivi : ").append(manage).append('\n');
            html.append("</ul>\n<p><a href=\"").append(escape(manage)).append("\">Gérer ou arrêter ce suivi<span "
                    + "style=\"position:absolute;left:-10000px\"> : ").append(escape(section.description()))
                    .append("</span></a></p>\n");
        }
        text.append("\n--\nGérer vos suivis : ").append(manageUrl(token)).append('\n')
                .append("Ne plus rien recevoir et effacer votre adresse : ").append(unsubscribeUrl(token)).append('\n');
        html.append(footer(token));
        return new Mail(email, subject, text.toString(), html.toString(), unsubscribeUrl(token));
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(escape(title)).append("</title>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
    }

    private String footer(String token) {
        return "<hr/>\n<p><a href=\"" + escape(manageUrl(token)) + "\">Gérer vos suivis</a> · <a href=\""
                + escape(unsubscribeUrl(token)) + "\">Ne plus rien recevoir et effacer votre adresse</a></p>\n</body>\n</html>\n";
    }

    static String escape(String text) {
        return Entities.escape(text);
    }
}
