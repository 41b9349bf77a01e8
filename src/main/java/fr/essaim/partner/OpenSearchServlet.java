package fr.essaim.partner;

import java.io.IOException;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The OpenSearch description that lets browsers add Essaim to their search engines. */
@WebServlet("/opensearch.xml")
public class OpenSearchServlet extends HttpServlet {

    public static final String TYPE = "application/opensearchdescription+xml";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = PartnerAnswers.origin(request);
        response.setContentType(TYPE + ";charset=UTF-8");
        PartnerAnswers.publicFor(response, 86_400);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(response.getWriter());
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("OpenSearchDescription");
            xml.writeDefaultNamespace("http://a9.com/-/spec/opensearch/1.1/");
            text(xml, "ShortName", "Essaim");
            text(xml, "Description", "Rechercher dans les fiches des services publics territoriaux");
            text(xml, "InputEncoding", "UTF-8");
            text(xml, "Language", "fr-FR");
            url(xml, "text/html", origin + "/recherche?q={searchTerms}");
            url(xml, "application/atom+xml", origin + "/feeds/fiches.atom?q={searchTerms}");
            url(xml, TYPE, origin + "/opensearch.xml").writeAttribute("rel", "self");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("description OpenSearch impossible à écrire", e);
        }
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static XMLStreamWriter url(XMLStreamWriter xml, String type, String template) throws XMLStreamException {
        xml.writeEmptyElement("Url");
        xml.writeAttribute("type", type);
        xml.writeAttribute("template", template);
        return xml;
    }
}
