package com.referralloop.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Keeps manifests/discord-commands.json equal to what the bot registers. Regenerate with DiscordCommandDefinitions#main. */
class DiscordCommandManifestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void manifestMatchesTheRegisteredCommands() throws Exception {
        // GIVEN the committed manifest
        Path manifest = DiscordCommandDefinitions.MANIFEST;
        assertThat(manifest).as("run DiscordCommandDefinitions#main to create it").exists();
        JsonNode committed = json.readTree(Files.readString(manifest, StandardCharsets.UTF_8));
        // WHEN the code builds the command list it registers
        JsonNode registered = json.readTree(DiscordCommandDefinitions.manifestJson());
        // THEN they are the same JSON
        assertThat(committed).as("manifests/discord-commands.json is stale: run DiscordCommandDefinitions#main").isEqualTo(registered);
    }

    @Test
    void everyCommandOfTheGrammarIsRegisteredWithinDiscordLimits() {
        List<String> names = new ArrayList<>();
        for (SlashCommandData c : DiscordCommandDefinitions.commandData()) {
            names.add(c.getName());
            c.getSubcommands().forEach(s -> assertThat(s.getOptions()).hasSizeLessThanOrEqualTo(25));
        }
        assertThat(names).containsExactly("referral", "testimonial", "reference", "followup");
        JsonNode followup = json.readTree(DiscordCommandDefinitions.manifestJson()).get(3);
        assertThat(followup.toString()).contains("\"close\"", "\"outcome\"", "\"not-suitable\"");
    }
}
