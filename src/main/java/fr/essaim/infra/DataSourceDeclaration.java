package fr.essaim.infra;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The application's pooled, JTA-enlisted connection to its database. */
@DataSourceDefinition(
        name = DataSourceDeclaration.JNDI_NAME,
        className = "fr.essaim.infra.ConfiguredDataSource",
        minPoolSize = 1,
        maxPoolSize = 20,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=meta-data"
        })
@ApplicationScoped
public class DataSourceDeclaration {
    public static final String JNDI_NAME = "java:app/jdbc/essaim";
}
