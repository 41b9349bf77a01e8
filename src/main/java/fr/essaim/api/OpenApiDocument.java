package fr.essaim.api;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import fr.essaim.problem.Problem;

/**
 * What the OpenAPI document says once for all operations rather than on each method. The schemas of
 * the JSON answers and bodies are read from the records themselves (the JSON-B names of their
 * components). Every error is a {@code Problem}; operations that need an account can answer 401, 403
 * and 429, those that take a body 400, 413 and 415, those on a named resource 404, and all of them
 * 503 while the node starts.
 */
public class OpenApiDocument implements OASFilter {

    private static final String REF = "#/components/schemas/Problem";
    /** The resources of the API, whose nested records, with those of the write API, are its answers and bodies. */
    private static final List<Class<?>> RESOURCES = List.of(SearchResource.class, SheetResource.class,
            SheetWriteResource.class, ReferenceResource.class, AccountResource.class, TokenResource.class,
            AdminResource.class, ContentResource.class, MySheetsResource.class);
    private static final List<Class<?>> RECORD_HOLDERS = List.of(SheetWriteAnswers.class);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        for (Class<?> resource : Stream.concat(RESOURCES.stream(), RECORD_HOLDERS.stream()).toList()) {
            for (Class<?> nested : resource.getDeclaredClasses()) {
                if (nested.isRecord()) {
                    RecordSchemas.add(components, nested);
                }
            }
        }
        components.addSchema("Problem", problemSchema());
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null) {
            return;
        }
        RESOURCES.forEach(resource -> secure(openAPI, resource));
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.getOperations().forEach((method, operation) -> describeErrors(path, method, operation));
        });
    }

    /**
     * The security of an operation follows its {@code @RolesAllowed}, the one place roles are
     * declared: a token or HTTP Basic, unless the method names its own scheme.
     */
    private static void secure(OpenAPI openAPI, Class<?> resource) {
        for (Method method : resource.getDeclaredMethods()) {
            boolean roles = method.isAnnotationPresent(RolesAllowed.class)
                    || resource.isAnnotationPresent(RolesAllowed.class) && !method.isAnnotationPresent(PermitAll.class);
            Optional<PathItem.HttpMethod> verb = Stream.of(PathItem.HttpMethod.values())
                    .filter(v -> Stream.of(method.getAnnotations()).anyMatch(a -> a.annotationType().getSimpleName().equals(v.name())))
                    .findFirst();
            PathItem item = openAPI.getPaths().getPathItem(path(resource, method));
            Operation operation = item == null || verb.isEmpty() ? null : item.getOperations().get(verb.get());
            if (roles && operation != null && (operation.getSecurity() == null || operation.getSecurity().isEmpty())) {
                operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(ApiApplication.TOKEN),
                        OASFactory.createSecurityRequirement().addScheme(ApiApplication.BASIC)));
            }
        }
    }

    private static String path(Class<?> resource, Method method) {
        StringBuilder path = new StringBuilder("/api");
        for (Path part : new Path[] {resource.getAnnotation(Path.class), method.getAnnotation(Path.class)}) {
            if (part != null && !part.value().replace("/", "").isEmpty()) {
                path.append('/').append(part.value().replaceAll("^/+|/+$", ""));
            }
        }
        return path.toString();
    }

    private static void describeErrors(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            add(responses, "401", "Identification requise : jeton d'API (Bearer) ou compte (HTTP Basic)");
            add(responses, "403", "Le compte n'a pas le rôle requis, ou l'écriture vient d'une page d'un autre site");
            add(responses, "429", "Trop d'essais de mot de passe : Retry-After dit quand réessayer");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "400", "Corps illisible ou refusé ; le message dit pourquoi");
            add(responses, "413", "Corps trop volumineux");
            add(responses, "415", "Format de corps non pris en charge à cette adresse");
        }
        if (path.contains("{")) {
            add(responses, "404", "Ressource introuvable");
        }
        add(responses, "503", "Le nœud démarre (Retry-After) ou l'index de recherche est momentanément indisponible");
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (!response.getKey().startsWith("4") && !response.getKey().startsWith("5")) {
                continue;
            }
            APIResponse answer = response.getValue();
            if (answer.getContent() == null || answer.getContent().getMediaTypes().isEmpty()) {
                answer.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()));
            }
            // The examples and the particular problems (a stale edit) written on a method stay.
            answer.getContent().getMediaTypes().values().stream().filter(type -> type.getSchema() == null)
                    .forEach(type -> type.setSchema(OASFactory.createSchema().ref(REF)));
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().type(Schema.SchemaType.STRING);
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("Problème (RFC 9457) : statut, titre et message en français ; le message est aussi dans error")
                .required(List.of("type", "title", "status", "detail"))
                .addProperty("type", OASFactory.createSchema().type(Schema.SchemaType.STRING).example("about:blank"))
                .addProperty("title", OASFactory.createSchema().type(Schema.SchemaType.STRING).example("Requête invalide"))
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER).example(400))
                .addProperty("detail", text)
                .addProperty("error", text);
    }
}
