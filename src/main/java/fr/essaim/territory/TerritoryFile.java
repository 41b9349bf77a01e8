package fr.essaim.territory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code territoires.csv}, the compact form of the Etalab {@code decoupage-administratif}
 * data that Essaim ships (see {@code content/territoires/convert.py}).
 */
public final class TerritoryFile {

    public static final String RESOURCE = "essaim/territoires/territoires.csv";

    private TerritoryFile() {
    }

    public static List<Territory> fromClasspath() {
        try (InputStream in = TerritoryFile.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("table des territoires introuvable : " + RESOURCE);
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Territory> read(Reader csv) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Territory> territories = new ArrayList<>(40_000);
        for (CSVRecord row : format.parse(csv)) {
            String population = row.get("population");
            String postcodes = row.get("postcodes");
            territories.add(new Territory(row.get("level"), row.get("code"), row.get("name"),
                    emptyToNull(row.get("departement")), emptyToNull(row.get("region")), emptyToNull(row.get("epci")),
                    population.isEmpty() ? 0 : Long.parseLong(population),
                    postcodes.isEmpty() ? List.of() : Arrays.asList(postcodes.split(" "))));
        }
        return territories;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
