package fr.essaim.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;

/** The OpenAPI schema of a record as JSON-B writes it: one property per component, nested records by reference. */
final class RecordSchemas {

    private RecordSchemas() {
    }

    /** Adds the record's schema, and those of the records it holds, under their simple names. */
    static void add(Components components, Class<?> record) {
        Schema schema = OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
        components.addSchema(record.getSimpleName(), schema);
        for (RecordComponent component : record.getRecordComponents()) {
            JsonbProperty renamed = component.getAnnotation(JsonbProperty.class);
            String name = renamed == null ? component.getName() : renamed.value();
            schema.addProperty(name, of(components, component.getGenericType()));
        }
    }

    private static Schema of(Components components, Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            Type[] arguments = generic.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(of(components, arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                        .additionalPropertiesSchema(of(components, arguments[1]));
            }
            return of(components, raw);
        }
        Class<?> plain = type instanceof Class<?> c ? c : Object.class;
        if (plain.isRecord()) {
            if (components.getSchemas() == null || !components.getSchemas().containsKey(plain.getSimpleName())
                    || components.getSchemas().get(plain.getSimpleName()).getProperties() == null) {
                add(components, plain);
            }
            return OASFactory.createSchema().ref("#/components/schemas/" + plain.getSimpleName());
        }
        if (plain == String.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING);
        }
        if (plain == int.class || plain == long.class || plain == Integer.class || plain == Long.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER);
        }
        if (plain == boolean.class || plain == Boolean.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN);
        }
        // Front-matter fields (JsonObject, Map of plain values) and anything else: a JSON object.
        return OASFactory.createSchema().type(plain == JsonObject.class || Map.class.isAssignableFrom(plain)
                ? Schema.SchemaType.OBJECT : null);
    }
}
