package com.referralloop.chat.discord;

import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.components.Component;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageReference;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageCreateAction;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageEditAction;
import net.dv8tion.jda.api.requests.restaction.interactions.MessageEditCallbackAction;
import net.dv8tion.jda.api.requests.restaction.interactions.ModalCallbackAction;
import net.dv8tion.jda.api.requests.restaction.interactions.ReplyCallbackAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.mockito.ArgumentCaptor;

/**
 * Builder-style Mockito mocks of JDA interaction events (in the spirit of TJ-Bot's JdaTester): one
 * call builds an event with its user, member roles, options, reply action and hook, and records
 * everything the listener sends back.
 */
final class DiscordTester {

    private static final AtomicLong IDS = new AtomicLong(1_000_000);

    private String userId = "111";
    private String userName = "Maya";
    private final List<String> roles = new ArrayList<>();
    private boolean inGuild = true;
    private boolean hookExpired;

    /** What the listener did with the last event built by this tester. */
    final Sent sent = new Sent();

    static final class Sent {
        SlashCommandInteractionEvent slash;
        ButtonInteractionEvent button;
        ModalInteractionEvent modalEvent;
        ReplyCallbackAction defer;
        ReplyCallbackAction reply;
        InteractionHook hook;
        ArgumentCaptor<MessageEditData> hookEdits = ArgumentCaptor.forClass(MessageEditData.class);
        ArgumentCaptor<MessageCreateData> hookSends = ArgumentCaptor.forClass(MessageCreateData.class);
        ArgumentCaptor<MessageEditData> messageEdits = ArgumentCaptor.forClass(MessageEditData.class);
        ArgumentCaptor<Modal> modals = ArgumentCaptor.forClass(Modal.class);
        ArgumentCaptor<String> replies = ArgumentCaptor.forClass(String.class);
        String interactionId;
    }

    DiscordTester user(String id, String name) {
        this.userId = id;
        this.userName = name;
        return this;
    }

    DiscordTester roles(String... roleIds) {
        roles.addAll(List.of(roleIds));
        return this;
    }

    DiscordTester inDm() {
        this.inGuild = false;
        return this;
    }

    DiscordTester expiredHook() {
        this.hookExpired = true;
        return this;
    }

    SlashBuilder slash(String command, String subcommand) {
        return new SlashBuilder(command, null, subcommand);
    }

    SlashBuilder slash(String command, String group, String subcommand) {
        return new SlashBuilder(command, group, subcommand);
    }

    final class SlashBuilder {
        private final SlashCommandInteractionEvent event = mock(SlashCommandInteractionEvent.class);
        private final List<OptionMapping> options = new ArrayList<>();

        SlashBuilder(String command, String group, String subcommand) {
            when(event.getName()).thenReturn(command);
            when(event.getSubcommandGroup()).thenReturn(group);
            when(event.getSubcommandName()).thenReturn(subcommand);
        }

        SlashBuilder option(String name, String value) {
            OptionMapping o = mock(OptionMapping.class);
            when(o.getName()).thenReturn(name);
            when(o.getType()).thenReturn(OptionType.STRING);
            when(o.getAsString()).thenReturn(value);
            options.add(o);
            return this;
        }

        SlashBuilder userOption(String name, String memberId) {
            User u = mock(User.class);
            when(u.getId()).thenReturn(memberId);
            OptionMapping o = mock(OptionMapping.class);
            when(o.getName()).thenReturn(name);
            when(o.getType()).thenReturn(OptionType.USER);
            when(o.getAsUser()).thenReturn(u);
            when(o.getAsString()).thenReturn(memberId);
            options.add(o);
            return this;
        }

        SlashCommandInteractionEvent build() {
            when(event.getOptions()).thenReturn(options);
            User user = user();
            Member member = member();
            when(event.getUser()).thenReturn(user);
            when(event.getMember()).thenReturn(member);
            String id = nextId();
            when(event.getId()).thenReturn(id);
            ReplyCallbackAction defer = replyAction();
            when(event.deferReply(anyBoolean())).thenReturn(defer);
            when(event.deferReply()).thenReturn(defer);
            InteractionHook hook = hook();
            when(event.getHook()).thenReturn(hook);
            sent.slash = event;
            sent.defer = defer;
            sent.interactionId = id;
            return event;
        }
    }

    ButtonInteractionEvent button(String customId) {
        ButtonInteractionEvent event = mock(ButtonInteractionEvent.class);
        when(event.getComponentId()).thenReturn(customId);
        User user = user();
        Member member = member();
        when(event.getUser()).thenReturn(user);
        when(event.getMember()).thenReturn(member);
        String id = nextId();
        when(event.getId()).thenReturn(id);
        ReplyCallbackAction defer = replyAction();
        when(event.deferReply(anyBoolean())).thenReturn(defer);
        ReplyCallbackAction reply = replyAction();
        when(event.reply(sent.replies.capture())).thenReturn(reply);
        when(event.replyModal(sent.modals.capture())).thenReturn(mock(ModalCallbackAction.class));
        when(event.editMessage(sent.messageEdits.capture())).thenReturn(mock(MessageEditCallbackAction.class));
        InteractionHook hook = hook();
        when(event.getHook()).thenReturn(hook);
        sent.button = event;
        sent.defer = defer;
        sent.reply = reply;
        sent.interactionId = id;
        return event;
    }

    ModalInteractionEvent modal(String modalId, String... idValuePairs) {
        ModalInteractionEvent event = mock(ModalInteractionEvent.class);
        when(event.getModalId()).thenReturn(modalId);
        List<ModalMapping> values = new ArrayList<>();
        for (int i = 0; i + 1 < idValuePairs.length; i += 2) {
            ModalMapping m = mock(ModalMapping.class);
            when(m.getCustomId()).thenReturn(idValuePairs[i]);
            when(m.getType()).thenReturn(Component.Type.TEXT_INPUT);
            when(m.getAsString()).thenReturn(idValuePairs[i + 1]);
            values.add(m);
        }
        when(event.getValues()).thenReturn(values);
        User user = user();
        Member member = member();
        when(event.getUser()).thenReturn(user);
        when(event.getMember()).thenReturn(member);
        String id = nextId();
        when(event.getId()).thenReturn(id);
        ReplyCallbackAction defer = replyAction();
        when(event.deferReply(anyBoolean())).thenReturn(defer);
        InteractionHook hook = hook();
        when(event.getHook()).thenReturn(hook);
        sent.modalEvent = event;
        sent.defer = defer;
        sent.interactionId = id;
        return event;
    }

    /**
     * A message the bot receives: in a DM ({@link #inDm()}) or a guild channel, optionally a reply (message
     * reference) to {@code replyToChannel:replyToMessage}; {@code bot} marks the author as a bot.
     */
    MessageReceivedEvent message(String channelId, String text, String replyToChannel, String replyToMessage, boolean bot) {
        MessageReceivedEvent event = mock(MessageReceivedEvent.class);
        User author = user();
        when(author.isBot()).thenReturn(bot);
        when(event.getAuthor()).thenReturn(author);
        when(event.isFromGuild()).thenReturn(inGuild);
        when(event.isWebhookMessage()).thenReturn(false);
        Message message = mock(Message.class);
        when(message.getId()).thenReturn(nextId());
        when(message.getContentRaw()).thenReturn(text);
        if (replyToMessage != null) {
            MessageReference ref = mock(MessageReference.class);
            when(ref.getType()).thenReturn(MessageReference.MessageReferenceType.DEFAULT);
            when(ref.getChannelId()).thenReturn(replyToChannel);
            when(ref.getMessageId()).thenReturn(replyToMessage);
            when(message.getMessageReference()).thenReturn(ref);
        }
        when(event.getMessage()).thenReturn(message);
        return event;
    }

    private User user() {
        User u = mock(User.class);
        when(u.getId()).thenReturn(userId);
        when(u.getEffectiveName()).thenReturn(userName);
        when(u.getName()).thenReturn(userName);
        return u;
    }

    private Member member() {
        if (!inGuild) {
            return null;
        }
        Member m = mock(Member.class);
        when(m.getEffectiveName()).thenReturn(userName);
        List<Role> held = new ArrayList<>();
        for (String r : roles) {
            Role role = mock(Role.class);
            when(role.getId()).thenReturn(r);
            held.add(role);
        }
        when(m.getRoles()).thenReturn(held);
        return m;
    }

    @SuppressWarnings("unchecked")
    private InteractionHook hook() {
        InteractionHook hook = mock(InteractionHook.class);
        when(hook.isExpired()).thenReturn(hookExpired);
        WebhookMessageEditAction<net.dv8tion.jda.api.entities.Message> edit = mock(WebhookMessageEditAction.class);
        when(hook.editOriginal(sent.hookEdits.capture())).thenReturn(edit);
        WebhookMessageCreateAction<net.dv8tion.jda.api.entities.Message> create = mock(WebhookMessageCreateAction.class);
        when(create.setEphemeral(anyBoolean())).thenReturn(create);
        when(hook.sendMessage(sent.hookSends.capture())).thenReturn(create);
        sent.hook = hook;
        return hook;
    }

    private static ReplyCallbackAction replyAction() {
        ReplyCallbackAction a = mock(ReplyCallbackAction.class);
        when(a.setEphemeral(anyBoolean())).thenReturn(a);
        return a;
    }

    private static String nextId() {
        return Long.toString(IDS.incrementAndGet());
    }

    /** The text of the last answer edited into the deferred reply (content or embed title + description). */
    String lastAnswer() {
        MessageEditData d = sent.hookEdits.getValue();
        return text(d);
    }

    static String text(MessageEditData d) {
        StringBuilder b = new StringBuilder(d.getContent() == null ? "" : d.getContent());
        d.getEmbeds().forEach(e -> {
            b.append(e.getTitle() == null ? "" : e.getTitle()).append('\n');
            b.append(e.getDescription() == null ? "" : e.getDescription()).append('\n');
            e.getFields().forEach(f -> b.append(f.getName()).append(": ").append(f.getValue()).append('\n'));
            b.append(e.getFooter() == null ? "" : e.getFooter().getText());
        });
        return b.toString();
    }
}
