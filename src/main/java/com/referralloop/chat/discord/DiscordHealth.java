package com.referralloop.chat.discord;

import net.dv8tion.jda.api.JDA;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The "discord" component of /actuator/health: UP while JDA's gateway connection is CONNECTED. */
final class DiscordHealth implements HealthIndicator {

    private final ObjectProvider<JDA> jda;

    DiscordHealth(ObjectProvider<JDA> jda) {
        this.jda = jda;
    }

    @Override
    public Health health() {
        JDA client = jda.getIfAvailable();
        if (client == null) {
            return Health.unknown().withDetail("status", "not started").build();
        }
        JDA.Status status = client.getStatus();
        Health.Builder b = status == JDA.Status.CONNECTED ? Health.up() : Health.down();
        b.withDetail("status", status.name());
        if (status == JDA.Status.CONNECTED) {
            b.withDetail("gatewayPingMs", client.getGatewayPing());
        }
        return b.build();
    }
}
