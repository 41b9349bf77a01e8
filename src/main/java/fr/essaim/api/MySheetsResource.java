package fr.essaim.api;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import fr.essaim.review.MySheets;
import fr.essaim.security.Roles;

/** The caller's own sheets, as « Mes fiches » lists them. */
@Path("v1/me/sheets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON + ";charset=UTF-8")
@RolesAllowed({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
@Tag(name = "Écriture", description = "Brouillons, relecture et publication des fiches, révisions")
public class MySheetsResource {

    @Inject
    MySheets mySheets;

    @Context
    SecurityContext security;

    @Operation(summary = "Mes fiches", description = "Les fiches dont l'appelant a écrit une révision, chacune à sa dernière "
            + "révision : group = draft, waiting, refused, published ou other ; reason, le motif d'un refus")
    @APIResponse(responseCode = "200", description = "Les fiches de l'appelant, la dernière modifiée d'abord",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MySheetList")))
    @GET
    public MySheetList list() {
        return new MySheetList(mySheets.of(security.getUserPrincipal().getName()).stream()
                .map(e -> new MySheet(e.slug(), e.title(), e.kind(), e.group().name().toLowerCase(Locale.ROOT),
                        e.state().name().toLowerCase(Locale.ROOT), e.revision(), e.editedAt().toString(), e.reason()))
                .toList());
    }

    @JsonbPropertyOrder({"slug", "title", "kind", "group", "state", "revision", "edited", "reason"})
    public record MySheet(String slug, String title, String kind, String group, String state, int revision, String edited,
            String reason) {
    }

    public record MySheetList(List<MySheet> sheets) {
    }
}
