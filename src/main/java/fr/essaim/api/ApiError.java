package fr.essaim.api;

import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import fr.essaim.sheet.JsonFields;

/** JSON error answers: a status and a French message, never a stack trace. */
public final class ApiError {

    private ApiError() {
    }

    public static Response of(Response.Status status, String message) {
        return of(status.getStatusCode(), message);
    }

    public static Response of(int status, String message) {
        JsonObjectBuilder body = JsonFields.JSON.createObjectBuilder().add("status", status).add("error", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(body.build()).build();
    }
}
