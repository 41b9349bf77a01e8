package fr.essaim.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import fr.essaim.config.DataSourceDeclaration;

/**
 * Who may write: enabled accounts of the database, passwords checked against PBKDF2 hashes. How
 * credentials arrive (form, HTTP Basic, API token) is {@link EssaimAuthentication}'s business.
 */
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = DataSourceDeclaration.JNDI_NAME,
        callerQuery = "select password_hash from account where username = ? and disabled = false",
        groupsQuery = "select role from account_role where username = ?",
        hashAlgorithm = Pbkdf2PasswordHash.class,
        hashAlgorithmParameters = {
            "Pbkdf2PasswordHash.Algorithm=PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations=120000",
            "Pbkdf2PasswordHash.SaltSizeBytes=32",
            "Pbkdf2PasswordHash.KeySizeBytes=32"
        })
@DeclareRoles({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
@ApplicationScoped
public class SecurityConfiguration {
}
