package com.referralloop.chat.slack;

import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatField;
import com.referralloop.chat.ChatMessage;
import com.referralloop.command.ChatForm;
import com.referralloop.followup.FollowUpActions;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.DatePickerElement;
import com.slack.api.model.block.element.MultiStaticSelectElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders neutral messages, replies and forms as Block Kit within Slack's limits (50 blocks a
 * message, 100 a view, 3,000 characters a section, 10 fields of 2,000, header 150, modal title 24).
 * Every text that came from a person is escaped, so a survey comment cannot ping {@code @channel}.
 */
final class SlackBlocks {

    static final int MAX_MESSAGE_BLOCKS = 50;
    static final int MAX_VIEW_BLOCKS = 100;
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD = 2000;
    static final int MAX_FIELDS = 10;
    static final int MAX_HEADER = 150;
    static final int MAX_MODAL_TITLE = 24;
    static final int MAX_BUTTON = 75;
    static final int MAX_ACTIONS = 25;
    /** A comment longer than this is cut and gets a "Show full comment" button. */
    static final int COMMENT_CUT = 2800;
    /** Block id of buttons on a message the outbox posted: the outbox keeps those copies up to date. */
    static final String TRACKED_ACTIONS = "actions:tracked";
    static final String REPLY_ACTIONS = "actions:reply";
    static final String FORM_CALLBACK = "referral.form";

    private SlackBlocks() {
    }

    /** A message as blocks; {@code subjectId} is the follow-up id the "Show full comment" button refers to. */
    static List<LayoutBlock> message(ChatMessage m, String subjectId, boolean tracked) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (m.title() != null && !m.title().isBlank()) {
            blocks.add(HeaderBlock.builder().text(plain(m.title(), MAX_HEADER)).build());
        }
        List<ChatAction> actions = new ArrayList<>(m.actions());
        String text = m.text();
        if (text != null && !text.isBlank()) {
            String escaped = escape(text);
            if (escaped.length() > MAX_SECTION) {
                escaped = cutEscaped(escaped, COMMENT_CUT) + " … _(cut)_";
                if (subjectId != null && subjectId.startsWith("F")
                        && actions.stream().noneMatch(a -> a.id().equals(FollowUpActions.SHOW_COMMENT))) {
                    actions.add(ChatAction.of(FollowUpActions.SHOW_COMMENT, "Show full comment", subjectId));
                }
            }
            blocks.add(section(escaped));
        }
        List<ChatField> fields = m.fields();
        for (int i = 0; i < fields.size(); i += MAX_FIELDS) {
            List<TextObject> row = new ArrayList<>();
            for (ChatField f : fields.subList(i, Math.min(fields.size(), i + MAX_FIELDS))) {
                row.add(MarkdownTextObject.builder().text(cut("*" + escape(f.label()) + "*\n" + escape(f.value()), MAX_FIELD)).build());
            }
            blocks.add(SectionBlock.builder().fields(row).build());
        }
        if (!actions.isEmpty()) {
            List<BlockElement> buttons = new ArrayList<>();
            for (ChatAction a : actions.subList(0, Math.min(actions.size(), MAX_ACTIONS))) {
                buttons.add(button(a));
            }
            blocks.add(ActionsBlock.builder().blockId(tracked ? TRACKED_ACTIONS : REPLY_ACTIONS).elements(buttons).build());
        }
        if (m.footer() != null && !m.footer().isBlank()) {
            blocks.add(ContextBlock.builder().elements(List.of(
                    MarkdownTextObject.builder().text(cut(escape(m.footer()), MAX_FIELD)).build())).build());
        }
        return fit(blocks, MAX_MESSAGE_BLOCKS);
    }

    /** A text answer (e.g. a command reply) as sections of at most 3,000 characters. */
    static List<LayoutBlock> text(String text) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String rest = escape(text == null ? "" : text);
        while (!rest.isEmpty() && blocks.size() < MAX_MESSAGE_BLOCKS) {
            String part = cutEscaped(rest, MAX_SECTION);
            blocks.add(section(part));
            rest = rest.substring(part.length());
        }
        return blocks;
    }

    /** The notification text shown where blocks are not (push notifications, screen readers). */
    static String fallback(ChatMessage m) {
        String t = m.title() != null ? m.title() : m.plainText();
        return cut(escape(t), MAX_SECTION);
    }

    static View modal(ChatForm form, String privateMetadata) {
        List<LayoutBlock> inputs = new ArrayList<>();
        for (ChatForm.Field f : form.fields()) {
            InputBlock.InputBlockBuilder b = InputBlock.builder().blockId(f.id()).label(plain(f.label(), MAX_FIELD))
                    .optional(!f.required()).element(element(f));
            if (f.hint() != null && !f.hint().isBlank()) {
                b.hint(plain(f.hint(), MAX_FIELD));
            }
            inputs.add(b.build());
        }
        return View.builder().type("modal").callbackId(FORM_CALLBACK)
                .title(ViewTitle.builder().type("plain_text").text(cut(form.title(), MAX_MODAL_TITLE)).build())
                .submit(ViewSubmit.builder().type("plain_text").text(cut(form.submitLabel() == null ? "Save" : form.submitLabel(), MAX_MODAL_TITLE)).build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .privateMetadata(privateMetadata)
                .blocks(fit(inputs, MAX_VIEW_BLOCKS))
                .build();
    }

    private static BlockElement element(ChatForm.Field f) {
        switch (f.type()) {
            case MULTILINE:
                return PlainTextInputElement.builder().actionId(f.id()).multiline(true).build();
            case SELECT:
                return StaticSelectElement.builder().actionId(f.id()).options(options(f.options())).build();
            case MULTISELECT:
                return MultiStaticSelectElement.builder().actionId(f.id()).options(options(f.options())).build();
            case DATE:
                return DatePickerElement.builder().actionId(f.id()).build();
            default:
                return PlainTextInputElement.builder().actionId(f.id()).build();
        }
    }

    private static List<OptionObject> options(List<String> values) {
        return values.stream().limit(100).map(v -> OptionObject.builder().text(plain(v, MAX_BUTTON)).value(v).build()).toList();
    }

    private static ButtonElement button(ChatAction a) {
        ButtonElement.ButtonElementBuilder b = ButtonElement.builder().actionId(a.id()).text(plain(a.label(), MAX_BUTTON))
                .value(cut(a.value() == null ? "" : a.value(), MAX_FIELD));
        if (a.style() == ChatAction.Style.PRIMARY) {
            b.style("primary");
        } else if (a.style() == ChatAction.Style.DANGER) {
            b.style("danger");
        }
        return b.build();
    }

    static SectionBlock section(String mrkdwn) {
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(mrkdwn.isEmpty() ? " " : mrkdwn).build()).build();
    }

    static PlainTextObject plain(String text, int max) {
        return PlainTextObject.builder().text(cut(text == null || text.isBlank() ? " " : text, max)).emoji(true).build();
    }

    /** Keeps the last blocks (buttons, footer) when there are too many: they matter more than the middle. */
    private static List<LayoutBlock> fit(List<LayoutBlock> blocks, int max) {
        if (blocks.size() <= max) {
            return blocks;
        }
        List<LayoutBlock> out = new ArrayList<>(blocks.subList(0, max - 2));
        out.addAll(blocks.subList(blocks.size() - 2, blocks.size()));
        return out;
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /** Cuts escaped text without splitting an entity such as {@code &amp;} or a surrogate pair. */
    static String cutEscaped(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        int amp = s.lastIndexOf('&', end - 1);
        if (amp >= 0 && amp > end - 5 && s.indexOf(';', amp) >= end) {
            end = amp;
        }
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
