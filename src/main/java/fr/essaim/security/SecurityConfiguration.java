package fr.essaim.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The roles of the application. Who may write is checked by {@link EssaimAuthentication} against
 * the enabled accounts of the database ({@link AccountService#verify}, PBKDF2 hashes).
 */
@DeclareRoles({Roles.CONTRIBUTOR, Roles.EDITOR, Roles.ADMIN})
@ApplicationScoped
public class SecurityConfiguration {
}
