package com.referralloop.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Neutral forms become Discord modals (labels with text inputs and select menus) within Discord's limits. */
class DiscordModalRenderingTest {

    @Test
    void formsBecomeModalsWithinDiscordLimits() {
        var form = new com.referralloop.command.ChatForm("Record consent for a very long contact name indeed", "Save",
                "referral.consent.submit", "FABC2345", java.util.List.of(
                new com.referralloop.command.ChatForm.Field("level", "Level", com.referralloop.command.ChatForm.Type.SELECT,
                        java.util.List.of("passive", "active", "marketing", "sales"), true, null),
                new com.referralloop.command.ChatForm.Field("scope", "Scope", com.referralloop.command.ChatForm.Type.MULTISELECT,
                        java.util.List.of("logo", "quote", "call"), false, "what they agreed to"),
                new com.referralloop.command.ChatForm.Field("expires", "Expires", com.referralloop.command.ChatForm.Type.DATE,
                        java.util.List.of(), false, null),
                com.referralloop.command.ChatForm.Field.text("evidence", "Evidence", false),
                new com.referralloop.command.ChatForm.Field("tags", "Tags", com.referralloop.command.ChatForm.Type.MULTISELECT,
                        java.util.List.of(), false, "h".repeat(300))));
        var modal = DiscordMessageRenderer.modal(form);
        assertThat(modal.getId()).isEqualTo("referral.consent.submit:FABC2345");
        assertThat(modal.getTitle()).hasSizeLessThanOrEqualTo(45);
        assertThat(modal.getComponents()).hasSize(5);
        assertThat(modal.toData().toString()).contains("\"custom_id\":\"level\"", "\"custom_id\":\"expires\"", "\"custom_id\":\"tags\"");
    }
}
