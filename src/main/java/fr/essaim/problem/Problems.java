package fr.essaim.problem;

import java.io.IOException;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one place error answers of the API are written, whether a resource, a JAX-RS filter, the
 * authentication mechanism or a servlet filter refuses the request.
 */
public final class Problems {

    public static final MediaType MEDIA_TYPE = MediaType.valueOf(Problem.MEDIA_TYPE + ";charset=UTF-8");

    private static final Jsonb JSONB = JsonbBuilder.create();

    private Problems() {
    }

    public static Response response(Response.Status status, String detail) {
        return response(status.getStatusCode(), detail);
    }

    public static Response response(int status, String detail) {
        return response(status, Problem.of(status, detail));
    }

    /** A problem with members of its own (the fields refused, the competing revision…). */
    public static Response response(int status, Object body) {
        // Written as text: the JSON providers of the container do not all accept the problem media type.
        return Response.status(status).type(MEDIA_TYPE).entity(JSONB.toJson(body)).build();
    }

    /** For servlet filters and the authentication mechanism, which answer before JAX-RS. */
    public static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE.toString());
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSONB.toJson(Problem.of(status, detail)));
    }

    /** Whether a request path (after the context) belongs to the API, whose errors are problems. */
    public static boolean isApi(String path) {
        return path.startsWith("/api/");
    }
}
