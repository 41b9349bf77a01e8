package fr.essaim.alert;

import java.time.OffsetDateTime;
import java.util.List;

/** An address and what it follows, as its own pages and an export show them. */
public record Subscriber(long id, String email, String token, OffsetDateTime createdAt, OffsetDateTime lastDigestAt,
        List<Subscription> subscriptions) {

    public record Subscription(long id, Target target, String description, OffsetDateTime createdAt,
            OffsetDateTime confirmedAt) {

        public boolean confirmed() {
            return confirmedAt != null;
        }
    }

    public boolean hasPending() {
        return subscriptions.stream().anyMatch(s -> !s.confirmed());
    }
}
