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
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.api.SheetWriteAnswers.Conflict;
import fr.essaim.api.SheetWriteAnswers.History;
import fr.essaim.api.SheetWriteAnswers.Preview;
import fr.essaim.api.SheetWriteAnswers.Refusal;
import fr.essaim.api.SheetWriteAnswers.RevisionSummary;
import fr.essaim.api.SheetWriteAnswers.RevisionText;
import fr.essaim.api.SheetWriteAnswers.Transition;
import fr.essaim.api.SheetWriteAnswers.Written;
import fr.essaim.problem.Problem;
import fr.essaim.problem.Problems;
import fr.essaim.security.Callers;
import fr.essaim.security.Roles;
import fr.essaim.sheet.Actor;
import fr.essaim.sheet.FieldError;
import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.Revision;
import fr.essaim.sheet.SaveResult;
import fr.essaim.sheet.SheetService;
import fr.essaim.sheet.SheetWorkflow;
import fr.essaim.sheet.WikiLinks;
import fr.essaim.sheet.SourceComposer;

/**
 * Writing through the API: new sheets and changes as drafts, the workflow steps, and the
 * revisions each caller may read. The same service as the pages, the same answers.
 */
@Path("v1/sheets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@Tag(name = "Écriture", description = "Brouillons, relecture et publication des fiches, révisions")
public class SheetWriteResource {

    private static final int MAX_BODY = 600_000;
    private static final String SHEET_BODY = "La fiche en Markdown avec son en-tête YAML, ou en JSON : {markdown} ou "
            + "{fields, body}, avec un comment facultatif ; 600 ko au plus";

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
    @Operation(summary = "Proposer une nouvelle fiche", description = "Écrit un brouillon, invisible des lecteurs ; "
            + "ETag de la révision écrite")
    @RequestBody(required = true, description = SHEET_BODY,
            content = {@Content(mediaType = "text/markdown", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SheetBody"))})
    @APIResponse(responseCode = "201", description = "La révision écrite",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Written")))
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
    @Operation(summary = "Aperçu d'un texte", description = "Rendu comme une révision enregistrée, liens wiki résolus")
    @RequestBody(required = true, content = @Content(mediaType = "text/markdown", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "Le HTML assaini",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Preview")))
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
    public Response preview(InputStream body) throws IOException {
        byte[] text = body.readNBytes(MAX_BODY + 1);
        if (text.length > MAX_BODY) {
            return Problems.response(413, "Texte trop long pour l'aperçu (" + MAX_BODY / 1000 + " ko au plus).");
        }
        return Response.ok(new Preview(wikiLinks.preview(new String(text, StandardCharsets.UTF_8)))).build();
    }

    @PUT
    @Path("{slug}")
    @Consumes({"text/markdown", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(summary = "Modifier une fiche", description = "Écrit un brouillon à partir de la révision que désigne If-Match "
            + "(l'ETag de GET /api/v1/sheets/{slug}) : sans If-Match 428, sur une révision dépassée 412 avec la révision "
            + "gagnante (currentRevision, etag, markdown, author) ; rien n'est écrit")
    @RequestBody(required = true, description = SHEET_BODY,
            content = {@Content(mediaType = "text/markdown", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SheetBody"))})
    @APIResponse(responseCode = "200", description = "La révision écrite",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Written")))
    @APIResponse(responseCode = "412", description = "If-Match désigne une révision dépassée ou inconnue",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Conflict")))
    @APIResponse(responseCode = "428", description = "En-tête If-Match absent")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
    public Response update(@PathParam("slug") String slug, InputStream body, @Context HttpHeaders headers,
            @HeaderParam("If-Match") String ifMatch, @QueryParam("comment") String comment) throws IOException {
        if (ifMatch == null || ifMatch.isBlank()) {
            return Problems.response(428, "En-tête If-Match obligatoire : donnez l'ETag de la révision que vous modifiez "
                    + "(GET /api/v1/sheets/" + slug + "), pour qu'aucune modification concurrente ne soit écrasée.");
        }
        Optional<Integer> base = baseRevision(slug, ifMatch);
        if (base.isEmpty()) {
            return Problems.response(412, "If-Match « " + ifMatch + " » ne désigne aucune révision de la fiche « " + slug
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
    @Operation(summary = "Proposer à la relecture", description = "Étape de relecture ; rôle contributeur ; 409 si l'étape ne s'applique pas")
    @RequestBody(description = "Commentaire facultatif de l'étape", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "StepComment")))
    @APIResponse(responseCode = "200", description = "La révision après l'étape",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Written")))
    @APIResponse(responseCode = "409", description = "L'étape ne s'applique pas à l'état de la fiche")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
    public Response submit(@PathParam("slug") String slug, String body) {
        return answer(workflow.submit(slug, actor(), comment(body)), 200);
    }

    @POST
    @Path("{slug}/publish")
    @Operation(summary = "Publier", description = "Étape de relecture ; rôle éditeur ; 409 si l'étape ne s'applique pas")
    @RequestBody(description = "Commentaire facultatif de l'étape", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "StepComment")))
    @APIResponse(responseCode = "200", description = "La révision après l'étape",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Written")))
    @APIResponse(responseCode = "409", description = "L'étape ne s'applique pas à l'état de la fiche")
    @RolesAllowed(Roles.EDITOR)
    public Response publish(@PathParam("slug") String slug, String body) {
        return answer(workflow.publish(slug, actor(), comment(body)), 200);
    }

    @POST
    @Path("{slug}/reject")
    @Operation(summary = "Refuser, avec un commentaire", description = "Étape de relecture ; rôle éditeur ; 409 si l'étape ne s'applique pas")
    @RequestBody(description = "Commentaire facultatif de l'étape", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "StepComment")))
    @APIResponse(responseCode = "200", description = "La révision après l'étape",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Written")))
    @APIResponse(responseCode = "409", description = "L'étape ne s'applique pas à l'état de la fiche")
    @RolesAllowed(Roles.EDITOR)
    public Response reject(@PathParam("slug") String slug, String body) {
        return answer(workflow.reject(slug, actor(), comment(body)), 200);
    }

    @POST
    @Path("{slug}/unpublish")
    @Operation(summary = "Retirer de la publication", description = "Étape de relecture ; rôle éditeur ; 409 si l'étape ne s'applique pas")
    @RequestBody(description = "Commentaire facultatif de l'étape", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "StepComment")))
    @APIResponse(responseCode = "200", description = "La révision après l'étape",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Written")))
    @APIResponse(responseCode = "409", description = "L'étape ne s'applique pas à l'état de la fiche")
    @RolesAllowed(Roles.EDITOR)
    public Response unpublish(@PathParam("slug") String slug, String body) {
        return answer(workflow.unpublish(slug, actor(), comment(body)), 200);
    }

    @POST
    @Path("{slug}/revisions/{number}/restore")
    @Operation(summary = "Restaurer une révision", description = "Un nouveau brouillon avec le texte de la révision n")
    @RequestBody(description = "Commentaire facultatif de l'étape", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "StepComment")))
    @APIResponse(responseCode = "201", description = "Le brouillon écrit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Written")))
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
    public Response restore(@PathParam("slug") String slug, @PathParam("number") int number, String body) {
        return answer(workflow.restore(slug, number, actor(), comment(body)), 201);
    }

    /** Public revisions for everyone; drafts, proposals and refusals for their author and editors. */
    @Operation(summary = "Les révisions d'une fiche", description = "Publiées pour tous ; brouillons, propositions et "
            + "refus pour leur auteur et les éditeurs (identification facultative)")
    @APIResponse(responseCode = "200", description = "Révisions et étapes de relecture",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "History")))
    @GET
    @Path("{slug}/revisions")
    public Response revisions(@PathParam("slug") String slug) {
        List<Revision> visible = sheets.visibleHistory(slug, actor());
        if (visible.isEmpty()) {
            return Problems.response(Response.Status.NOT_FOUND, "Aucune fiche visible ne porte l'identifiant « " + slug + " ».");
        }
        List<Transition> events = sheets.transitions(slug).stream()
                .filter(e -> visible.stream().anyMatch(r -> r.getNumber() == e.getRevisionNumber()))
                .map(e -> new Transition(e.getRevisionNumber(), e.getFrom() == null ? "" : e.getFrom().name().toLowerCase(),
                        e.getTo().name().toLowerCase(), e.getActor(), e.getCreatedAt().toString(),
                        e.getComment() == null ? "" : e.getComment()))
                .toList();
        return Response.ok(new History(slug, visible.stream().map(SheetWriteResource::summary).toList(), events)).build();
    }

    @Operation(summary = "Une révision", description = "Son texte et ses champs, si l'appelant peut la lire")
    @APIResponse(responseCode = "200", description = "La révision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RevisionText")))
    @GET
    @Path("{slug}/revisions/{number}")
    public Response revision(@PathParam("slug") String slug, @PathParam("number") int number) {
        Optional<Revision> revision = sheets.visibleRevision(slug, number, actor());
        if (revision.isEmpty()) {
            return Problems.response(Response.Status.NOT_FOUND, "La fiche « " + slug + " » n'a pas de révision " + number
                    + " que vous puissiez lire.");
        }
        Revision r = revision.get();
        RevisionSummary summary = summary(r);
        return Response.ok(new RevisionText(summary.number(), summary.state(), summary.stateLabel(), summary.author(),
                        summary.date(), summary.comment(), slug, r.getTitle(), r.getKind(), JsonFields.parse(r.getFieldsJson()),
                        r.getSource(), r.getHtml()))
                .tag(etag(slug, number)).build();
    }

    private static RevisionSummary summary(Revision r) {
        return new RevisionSummary(r.getNumber(), r.getReviewState().name().toLowerCase(), r.getReviewState().label(),
                r.getAuthor(), r.getCreatedAt().toString(), r.getComment() == null ? "" : r.getComment());
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
                    .entity(new Written(saved.slug(), saved.revision(), revision.getReviewState().name().toLowerCase(),
                            revision.getSheet().getState().name().toLowerCase(), "/fiches/" + saved.slug()))
                    .build();
        }
        if (result instanceof SaveResult.Invalid invalid) {
            return invalid(invalid.errors());
        }
        if (result instanceof SaveResult.Conflict conflict) {
            return conflict(conflict);
        }
        if (result instanceof SaveResult.Forbidden forbidden) {
            return Problems.response(Response.Status.FORBIDDEN, forbidden.message());
        }
        if (result instanceof SaveResult.Refused refused) {
            return Problems.response(Response.Status.CONFLICT, refused.message());
        }
        return Problems.response(Response.Status.NOT_FOUND,
                "Aucune fiche ne porte l'identifiant « " + ((SaveResult.NotFound) result).slug() + " ».");
    }

    static Response invalid(List<FieldError> errors) {
        String detail = "Fiche refusée : " + String.join(" ; ", errors.stream().map(FieldError::toString).toList());
        Problem problem = Problem.of(400, detail);
        return Problems.response(400, new Refusal(problem.type(), problem.title(), 400, detail, detail,
                errors.stream().map(e -> new Refusal.Field(e.field(), e.message())).toList()));
    }

    /** Nothing was written: the caller gets the revision that won, to merge their text into it. */
    private Response conflict(SaveResult.Conflict conflict) {
        EntityTag current = etag(conflict.slug(), conflict.currentRevision());
        Problem problem = Problem.of(412, conflict.message());
        // Whoever may write this sheet needs the competing text to merge with, draft or not.
        Optional<Revision> winner = sheets.findRevision(conflict.slug(), conflict.currentRevision());
        Conflict body = new Conflict(problem.type(), problem.title(), 412, problem.detail(), problem.error(),
                conflict.currentRevision(), current.toString(), winner.map(Revision::getSource).orElse(null),
                winner.map(Revision::getAuthor).orElse(null));
        return Response.fromResponse(Problems.response(412, body)).tag(current).build();
    }

    private static Response unreadable() {
        return Problems.response(Response.Status.BAD_REQUEST, "Corps illisible : envoyez la fiche en Markdown avec son en-tête "
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
        return Problems.response(413, "Fiche trop volumineuse : " + MAX_BODY / 1000 + " ko au plus, en-tête compris.");
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
