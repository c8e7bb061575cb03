package com.referralloop.chat.discord;

import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.command.ChatForm;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.label.LabelChildComponent;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders neutral messages as Discord embeds with button rows, and neutral forms as modals, cutting
 * everything to Discord's limits so a long comment never makes a delivery fail.
 */
final class DiscordMessageRenderer {

    private static final Logger log = LoggerFactory.getLogger(DiscordMessageRenderer.class);

    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 4096;
    static final int FIELDS_MAX = 25;
    static final int FIELD_NAME_MAX = 256;
    static final int FIELD_VALUE_MAX = 1024;
    static final int FOOTER_MAX = 2048;
    static final int EMBED_TOTAL_MAX = 6000;
    static final int CONTENT_MAX = 2000;
    static final int CUSTOM_ID_MAX = 100;
    static final int BUTTON_LABEL_MAX = 80;
    static final int BUTTONS_PER_ROW = 5;
    static final int ROWS_MAX = 5;
    static final int MODAL_TITLE_MAX = 45;
    static final int MODAL_FIELDS_MAX = 5;
    static final int LABEL_MAX = 45;
    static final int LABEL_DESCRIPTION_MAX = 100;

    private DiscordMessageRenderer() {
    }

    static MessageEmbed embed(ChatMessage m) {
        EmbedBuilder b = new EmbedBuilder();
        if (m.title() != null && !m.title().isBlank()) {
            b.setTitle(cut(m.title(), TITLE_MAX));
        }
        int budget = EMBED_TOTAL_MAX - length(m.title(), TITLE_MAX) - length(m.footer(), FOOTER_MAX);
        List<ChatField> fields = m.fields().size() > FIELDS_MAX ? m.fields().subList(0, FIELDS_MAX) : m.fields();
        for (ChatField f : fields) {
            String name = cut(blankAsDash(f.label()), FIELD_NAME_MAX);
            String value = cut(blankAsDash(f.value()), FIELD_VALUE_MAX);
            if (name.length() + value.length() > budget - 1) {
                break;
            }
            budget -= name.length() + value.length();
            b.addField(name, value, true);
        }
        if (m.text() != null && !m.text().isBlank() && budget > 1) {
            b.setDescription(cut(m.text(), Math.min(DESCRIPTION_MAX, budget)));
        }
        if (m.footer() != null && !m.footer().isBlank()) {
            b.setFooter(cut(m.footer(), FOOTER_MAX));
        }
        if (b.isEmpty()) {
            b.setDescription("-");
        }
        return b.build();
    }

    /** Buttons, five to a row and at most five rows; a button whose id would be too long is left out. */
    static List<ActionRow> rows(List<ChatAction> actions) {
        List<Button> buttons = new ArrayList<>();
        for (ChatAction a : actions) {
            String id = customId(a.id(), a.value());
            if (id.length() > CUSTOM_ID_MAX) {
                log.warn("Button {} left out: its custom id would be {} characters (max {})", a.id(), id.length(), CUSTOM_ID_MAX);
                continue;
            }
            if (buttons.size() == BUTTONS_PER_ROW * ROWS_MAX) {
                log.warn("Message has more than {} buttons; the rest are left out", BUTTONS_PER_ROW * ROWS_MAX);
                break;
            }
            String label = cut(a.label(), BUTTON_LABEL_MAX);
            buttons.add(switch (a.style() == null ? ChatAction.Style.DEFAULT : a.style()) {
                case PRIMARY -> Button.primary(id, label);
                case DANGER -> Button.danger(id, label);
                case DEFAULT -> Button.secondary(id, label);
            });
        }
        List<ActionRow> rows = new ArrayList<>();
        for (int i = 0; i < buttons.size(); i += BUTTONS_PER_ROW) {
            rows.add(ActionRow.of(buttons.subList(i, Math.min(buttons.size(), i + BUTTONS_PER_ROW))));
        }
        return rows;
    }

    static MessageCreateData create(ChatMessage m) {
        return new MessageCreateBuilder().setEmbeds(embed(m)).setComponents(rows(m.actions())).build();
    }

    /** A full replacement: embed and buttons, so a closed follow-up loses its buttons. */
    static MessageEditData edit(ChatMessage m) {
        return new MessageEditBuilder().setContent(null).setEmbeds(embed(m)).setComponents(rows(m.actions())).build();
    }

    static MessageEditData editText(String text) {
        return new MessageEditBuilder().setContent(cut(text, CONTENT_MAX)).build();
    }

    static String customId(String actionId, String value) {
        return value == null ? actionId : actionId + ":" + value;
    }

    /** Splits a custom id at the first colon: action ids never contain one, values may. */
    static String[] parseCustomId(String customId) {
        int colon = customId.indexOf(':');
        return colon < 0 ? new String[] {customId, null} : new String[] {customId.substring(0, colon), customId.substring(colon + 1)};
    }

    static Modal modal(ChatForm form) {
        Modal.Builder b = Modal.create(customId(form.submitActionId(), form.value()), cut(form.title(), MODAL_TITLE_MAX));
        List<ChatForm.Field> fields = form.fields().size() > MODAL_FIELDS_MAX ? form.fields().subList(0, MODAL_FIELDS_MAX) : form.fields();
        for (ChatForm.Field f : fields) {
            String hint = f.hint() == null || f.hint().isBlank() ? null : cut(f.hint(), LABEL_DESCRIPTION_MAX);
            Label label = hint == null ? Label.of(cut(f.label(), LABEL_MAX), child(f)) : Label.of(cut(f.label(), LABEL_MAX), hint, child(f));
            b.addComponents(label);
        }
        return b.build();
    }

    private static LabelChildComponent child(ChatForm.Field f) {
        return switch (f.type()) {
            case TEXT -> TextInput.create(f.id(), TextInputStyle.SHORT).setRequired(f.required()).build();
            case MULTILINE -> TextInput.create(f.id(), TextInputStyle.PARAGRAPH).setRequired(f.required()).build();
            case DATE -> TextInput.create(f.id(), TextInputStyle.SHORT).setRequired(f.required())
                    .setPlaceholder("YYYY-MM-DD").setMaxLength(10).build();
            case SELECT, MULTISELECT -> {
                if (f.options().isEmpty()) {
                    // Discord refuses a select menu without options: let the user type the values instead
                    TextInput.Builder typed = TextInput.create(f.id(), TextInputStyle.SHORT).setRequired(f.required());
                    yield (f.type() == ChatForm.Type.MULTISELECT ? typed.setPlaceholder("comma-separated") : typed).build();
                }
                StringSelectMenu.Builder menu = StringSelectMenu.create(f.id());
                f.options().stream().limit(25).forEach(o -> menu.addOption(cut(o, 100), cut(o, 100)));
                int max = f.type() == ChatForm.Type.SELECT ? 1 : Math.max(1, Math.min(25, f.options().size()));
                menu.setRequiredRange(f.required() ? 1 : 0, max).setRequired(f.required());
                yield menu.build();
            }
        };
    }

    static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static int length(String s, int max) {
        return s == null ? 0 : Math.min(s.length(), max);
    }

    private static String blankAsDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
