package fr.essaim.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import fr.essaim.security.Callers;
import fr.essaim.security.Roles;
import fr.essaim.sheet.Actor;
import fr.essaim.sheet.FieldError;
import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.SourceComposer;
import fr.essaim.sheet.WorkflowEvent;
import fr.essaim.sheet.SheetWorkflow;
import fr.essaim.sheet.WikiLinks;

/**
 * Writing through the API: new sheets and changes as drafts, the workflow steps, and the
 * revisions each caller may read. The same service as the pages, the same answers.
 */
@Path("v1/sheets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
public class SheetWriteResource {

    private static final int MAX_BODY = 600_000;

    @Inject
    SheetService sheets;

    @Inject
    SheetWorkflow workflow;

    @Inject
    WikiLinks wikiLinks;

    @Context
    SecurityContext security;

    @POST
    @Consumes({"text/markdown", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
    public Response create(InputStream body, @Context HttpHeaders headers, @QueryParam("comment") String comment)
            throws IOException {
        Optional<byte[]> bytes = readAtMost(body);
        if (bytes.isEmpty()) {
            return tooLarge();
        }
        Optional<Submitted> submitted = read(bytes.get(), headers, comment);
        if (submitted.isEmpty()) {
            return unreadable();
        }
        SaveResult result = workflow.create(submitted.get().source(), actor(), submitted.get().comment());
        return answer(result, 201);
    }

    /** A Markdown body rendered as a saved revision would be, wiki links resolved: the editor's live preview. */
    @POST
    @Path("preview")
    @Consumes({"text/markdown", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
    public Response preview(InputStream body) throws IOException {
        byte[] text = body.readNBytes(MAX_BODY + 1);
        if (text.length > MAX_BODY) {
            return ApiError.of(413, "Texte trop long pour l'aperçu (" + MAX_BODY / 1000 + " ko au plus).");
        }
        return Response.ok(JsonFields.JSON.createObjectBuilder()
                .add("html", wikiLinks.preview(new String(text, StandardCharsets.UTF_8))).build()).build();
    }

    @PUT
    @Path("{slug}")
    @Consumes({"text/markdown", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
    public Response update(@PathParam("slug") String slug, InputStream body, @Context HttpHeaders headers,
            @HeaderParam("If-Match") String ifMatch, @QueryParam("comment") String comment) throws IOException {
        if (ifMatch == null || ifMatch.isBlank()) {
            return ApiError.of(428, "En-tête If-Match obligatoire : donnez l'ETag de la révision que vous modifiez "
                    + "(GET /api/v1/sheets/" + slug + "), pour qu'aucune modification concurrente ne soit écrasée.");
        }
        Optional<Integer> base = baseRevision(slug, ifMatch);
        if (base.isEmpty()) {
            return ApiError.of(412, "If-Match « " + ifMatch + " » ne désigne aucune révision de la fiche « " + slug
                    + " » (attendu : \"" + slug + "-N\").");
        }
        Optional<byte[]> bytes = readAtMost(body);
        if (bytes.isEmpty()) {
            return tooLarge();
        }
        Optional<Submitted> submitted = read(bytes.get(), headers, comment);
        if (submitted.isEmpty()) {
            return unreadable();
        }
        return answer(workflow.save(slug, base.get(), submitted.get().source(), actor(), submitted.get().comment()), 200);
    }

    @POST
    @Path("{slug}/submit")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
    public Response submit(@PathParam("slug") String slug, String body) {
        return answer(workflow.submit(slug, actor(), comment(body)), 200);
    }

    @POST
    @Path("{slug}/publish")
    @RolesAllowed(Roles.EDITOR)
    public Response publish(@PathParam("slug") String slug, String body) {
        return answer(workflow.publish(slug, actor(), comment(body)), 200);
    }

    @POST
    @Path("{slug}/reject")
    @RolesAllowed(Roles.EDITOR)
    public Response reject(@PathParam("slug") String slug, String body) {
        return answer(workflow.reject(slug, actor(), comment(body)), 200);
    }

    @POST
    @Path("{slug}/unpublish")
    @RolesAllowed(Roles.EDITOR)
    public Response unpublish(@PathParam("slug") String slug, String body) {
        return answer(workflow.unpublish(slug, actor(), comment(body)), 200);
    }

    @POST
    @Path("{slug}/revisions/{number}/restore")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
    public Response restore(@PathParam("slug") String slug, @PathParam("number") int number, String body) {
        return answer(workflow.restore(slug, number, actor(), comment(body)), 201);
    }

    /** Public revisions for everyone; drafts, proposals and refusals for their author and editors. */
    @GET
    @Path("{slug}/revisions")
    public Response revisions(@PathParam("slug") String slug) {
        List<Revision> visible = sheets.visibleHistory(slug, actor());
        if (visible.isEmpty()) {
            return ApiError.of(Response.Status.NOT_FOUND, "Aucune fiche visible ne porte l'identifiant « " + slug + " ».");
        }
        JsonArrayBuilder list = JsonFields.JSON.createArrayBuilder();
        visible.forEach(r -> list.add(summary(r)));
        JsonArrayBuilder events = JsonFields.JSON.createArrayBuilder();
        for (WorkflowEvent e : sheets.transitions(slug)) {
            if (visible.stream().anyMatch(r -> r.getNumber() == e.getRevisionNumber())) {
                events.add(JsonFields.JSON.createObjectBuilder()
                        .add("revision", e.getRevisionNumber())
                        .add("from", e.getFrom() == null ? "" : e.getFrom().name().toLowerCase())
                        .add("to", e.getTo().name().toLowerCase())
                        .add("actor", e.getActor())
                        .add("date", e.getCreatedAt().toString())
                        .add("comment", e.getComment() == null ? "" : e.getComment()));
            }
        }
        return Response.ok(JsonFields.JSON.createObjectBuilder().add("slug", slug).add("revisions", list)
                .add("transitions", events).build()).build();
    }

    @GET
    @Path("{slug}/revisions/{number}")
    public Response revision(@PathParam("slug") String slug, @PathParam("number") int number) {
        Optional<Revision> revision = sheets.visibleRevision(slug, number, actor());
        if (revision.isEmpty()) {
            return ApiError.of(Response.Status.NOT_FOUND, "La fiche « " + slug + " » n'a pas de révision " + number
                    + " que vous puissiez lire.");
        }
        Revision r = revision.get();
        return Response.ok(JsonFields.JSON.createObjectBuilder(summary(r))
                        .add("slug", slug)
                        .add("title", r.getTitle())
                        .add("kind", r.getKind())
                        .add("fields", JsonFields.parse(r.getFieldsJson()))
                        .add("markdown", r.getSource())
                        .add("html", r.getHtml()).build())
                .tag(etag(slug, number)).build();
    }

    private static JsonObject summary(Revision r) {
        return JsonFields.JSON.createObjectBuilder()
                .add("number", r.getNumber())
                .add("state", r.getReviewState().name().toLowerCase())
                .add("stateLabel", r.getReviewState().label())
                .add("author", r.getAuthor())
                .add("date", r.getCreatedAt().toString())
                .add("comment", r.getComment() == null ? "" : r.getComment())
                .build();
    }

    static EntityTag etag(String slug, int number) {
        return new EntityTag(slug + "-" + number);
    }

    /** The revision number an {@code If-Match} designates: {@code "slug-N"}, weak or strong. */
    static Optional<Integer> baseRevision(String slug, String ifMatch) {
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        String prefix = slug + "-";
        if (!tag.startsWith(prefix)) {
            return Optional.empty();
        }
        // The ETag of GET /api/v1/sheets/{slug} is "slug-revision-digest": the revision is what the edit is based on.
        String revision = tag.substring(prefix.length());
        int digest = revision.indexOf('-');
        try {
            return Optional.of(Integer.parseInt(digest < 0 ? revision : revision.substring(0, digest)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Actor actor() {
        return Callers.actor(security.getUserPrincipal(), security::isUserInRole);
    }

    private Response answer(SaveResult result, int savedStatus) {
        if (result instanceof SaveResult.Saved saved) {
            Revision revision = sheets.findRevision(saved.slug(), saved.revision()).orElseThrow();
            return Response.status(savedStatus).tag(etag(saved.slug(), saved.revision()))
                    .entity(JsonFields.JSON.createObjectBuilder()
                            .add("slug", saved.slug())
                            .add("revision", saved.revision())
                            .add("state", revision.getReviewState().name().toLowerCase())
                            .add("sheetState", revision.getSheet().getState().name().toLowerCase())
                            .add("url", "/fiches/" + saved.slug()).build())
                    .build();
        }
        if (result instanceof SaveResult.Invalid invalid) {
            return invalid(invalid.errors());
        }
        if (result instanceof SaveResult.Conflict conflict) {
            return conflict(conflict);
        }
        if (result instanceof SaveResult.Forbidden forbidden) {
            return ApiError.of(Response.Status.FORBIDDEN, forbidden.message());
        }
        if (result instanceof SaveResult.Refused refused) {
            return ApiError.of(Response.Status.CONFLICT, refused.message());
        }
        return ApiError.of(Response.Status.NOT_FOUND,
                "Aucune fiche ne porte l'identifiant « " + ((SaveResult.NotFound) result).slug() + " ».");
    }

    static Response invalid(List<FieldError> errors) {
        JsonArrayBuilder list = JsonFields.JSON.createArrayBuilder();
        errors.forEach(e -> list.add(JsonFields.JSON.createObjectBuilder().add("field", e.field()).add("message", e.message())));
        JsonObject body = JsonFields.JSON.createObjectBuilder().add("status", 400)
                .add("error", "Fiche refusée : " + String.join(" ; ", errors.stream().map(FieldError::toString).toList()))
                .add("errors", list).build();
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(body).build();
    }

    /** Nothing was written: the caller gets the revision that won, to merge their text into it. */
    private Response conflict(SaveResult.Conflict conflict) {
        JsonObjectBuilder body = JsonFields.JSON.createObjectBuilder().add("status", 412).add("error", conflict.message())
                .add("currentRevision", conflict.currentRevision())
                .add("etag", etag(conflict.slug(), conflict.currentRevision()).toString());
        // Whoever may write this sheet needs the competing text to merge with, draft or not.
        sheets.findRevision(conflict.slug(), conflict.currentRevision())
                .ifPresent(current -> body.add("markdown", current.getSource()).add("author", current.getAuthor()));
        return Response.status(412).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .tag(etag(conflict.slug(), conflict.currentRevision())).entity(body.build()).build();
    }

    private static Response unreadable() {
        return ApiError.of(Response.Status.BAD_REQUEST, "Corps illisible : envoyez la fiche en Markdown avec son en-tête "
                + "YAML (text/markdown), ou en JSON {\"markdown\": …} ou {\"fields\": {…}, \"body\": …}.");
    }

    /** What a client sent: a source and its edit comment. */
    private record Submitted(String source, String comment) {
    }

    /** The body, read no further than the limit; empty when it goes beyond. */
    private static Optional<byte[]> readAtMost(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? Optional.empty() : Optional.of(bytes);
    }

    private static Response tooLarge() {
        return ApiError.of(413, "Fiche trop volumineuse : " + MAX_BODY / 1000 + " ko au plus, en-tête compris.");
    }

    private static Optional<Submitted> read(byte[] bytes, HttpHeaders headers, String comment) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return Optional.of(new Submitted(text, comment));
        }
        try {
            JsonObject json = JsonFields.JSON.createReader(new java.io.StringReader(text)).readObject();
            String commented = json.containsKey("comment") ? json.getString("comment", comment) : comment;
            if (json.get("markdown") instanceof JsonString markdown) {
                return Optional.of(new Submitted(markdown.getString(), commented));
            }
            if (json.get("fields") instanceof JsonObject fields) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) plain(fields);
                return Optional.of(new Submitted(SourceComposer.compose(map, json.getString("body", "")), commented));
            }
            return Optional.empty();
        } catch (JsonException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static String comment(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JsonFields.JSON.createReader(new java.io.StringReader(body)).readObject().getString("comment", null);
        } catch (JsonException | ClassCastException e) {
            return body.strip();
        }
    }

    /** JSON values as the plain Java values YAML writes. */
    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, plain(v)));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(v -> list.add(plain(v)));
                yield list;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).isIntegral() ? (Object) ((JsonNumber) value).longValue()
                    : ((JsonNumber) value).doubleValue();
            case TRUE -> true;
            case FALSE -> false;
            default -> null;
        };
    }
}
